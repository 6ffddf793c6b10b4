import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const Secrets = z.object({
  github: z.object({ token: z.string(), source: z.enum(["token", "gh"]), baseUrl: z.string() }).nullable().default(null),
  linear: z.object({ apiKey: z.string(), isAutoStatus: z.boolean().default(false) }).nullable().default(null),
});
export type Secrets = z.infer<typeof Secrets>;

/** The file beside the database that holds the GitHub token and the Linear key (mode 0600, never in SQLite). */
export const SECRETS_FILE = "integrations.json";

/**
 * GitHub and Linear credentials in `<dataDir>/integrations.json`, written atomically with mode 0600. The values leave
 * this class only towards the API clients; nothing here logs them.
 */
export class SecretStore {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, SECRETS_FILE);
    if (existsSync(this.path)) chmodSync(this.path, 0o600);
  }

  read(): Secrets {
    if (!existsSync(this.path)) return Secrets.parse({});
    const parsed = Secrets.safeParse(JSON.parse(readFileSync(this.path, "utf8")));
    if (parsed.success) return parsed.data;
    console.warn(`[integrations] ${SECRETS_FILE} is malformed; treating GitHub and Linear as not connected`);
    return Secrets.parse({});
  }

  /** Replaces one part of the secrets. */
  write(patch: Partial<Secrets>): void {
    const next = { ...this.read(), ...patch };
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(next), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
