import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const SecretValues = z.object({ env: z.record(z.string(), z.string()).default({}), headers: z.record(z.string(), z.string()).default({}) });
export type SecretValues = z.infer<typeof SecretValues>;
const SecretFile = z.record(z.string(), SecretValues);

/** The file beside the database with MCP servers' secret variables and headers, by server id. */
export const MCP_SECRETS_FILE = "mcp-secrets.json";

/**
 * Secret values of workspace MCP servers in `<dataDir>/mcp-secrets.json` (mode 0600, written atomically). They
 * leave this class only into the generated `--mcp-config` file of a launch; nothing here logs them.
 */
export class McpSecrets {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, MCP_SECRETS_FILE);
    if (existsSync(this.path)) chmodSync(this.path, 0o600);
  }

  of(serverId: string): SecretValues {
    return this.readAll()[serverId] ?? { env: {}, headers: {} };
  }

  set(serverId: string, values: SecretValues): void {
    this.write({ ...this.readAll(), [serverId]: values });
  }

  remove(serverId: string): void {
    const all = this.readAll();
    delete all[serverId];
    this.write(all);
  }

  private readAll(): Record<string, SecretValues> {
    if (!existsSync(this.path)) return {};
    const parsed = SecretFile.safeParse(JSON.parse(readFileSync(this.path, "utf8")));
    if (parsed.success) return parsed.data;
    console.warn(`[mcp] ${MCP_SECRETS_FILE} is malformed; MCP servers start without their secrets`);
    return {};
  }

  private write(all: Record<string, SecretValues>): void {
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
