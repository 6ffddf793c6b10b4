import { z } from "zod";
import { PrivateJsonFile } from "../../lib/private-json-file.ts";

const Secrets = z.object({
  github: z.object({ token: z.string(), source: z.enum(["token", "gh"]), baseUrl: z.string() }).nullable().default(null),
  linear: z.object({ apiKey: z.string(), isAutoStatus: z.boolean().default(false) }).nullable().default(null),
});
export type Secrets = z.infer<typeof Secrets>;

/** The file beside the database that holds the GitHub token and the Linear key (mode 0600, never in SQLite). */
export const SECRETS_FILE = "integrations.json";

/**
 * GitHub and Linear credentials in `<dataDir>/integrations.json`, written atomically with mode 0600. The values leave
 * this class only towards the API clients.
 */
export class SecretStore {
  private readonly file: PrivateJsonFile<Secrets>;

  constructor(dataDir: string) {
    this.file = new PrivateJsonFile(dataDir, SECRETS_FILE, Secrets, () => Secrets.parse({}), "treating GitHub and Linear as not connected");
  }

  read(): Secrets {
    return this.file.read();
  }

  /** Replaces one part of the secrets. */
  write(patch: Partial<Secrets>): void {
    this.file.write({ ...this.read(), ...patch });
  }
}
