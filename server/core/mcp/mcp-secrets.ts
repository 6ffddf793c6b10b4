import { z } from "zod";
import { lazySchema } from "../../../shared/lazy-schema.ts";
import { PrivateJsonFile } from "../../lib/private-json-file.ts";

/** `url`: the values of the URL's query parameters named like credentials (`?api_key=…`), masked in SQLite. */
const SecretValues = lazySchema(() => z.object({ env: z.record(z.string(), z.string()).default({}), headers: z.record(z.string(), z.string()).default({}), url: z.record(z.string(), z.string()).default({}) }));
export type SecretValues = z.infer<typeof SecretValues>;
const SecretFile = lazySchema(() => z.record(z.string(), SecretValues));

/** The file beside the database with MCP servers' secret variables, headers and URL credentials, by server id. */
export const MCP_SECRETS_FILE = "mcp-secrets.json";

/**
 * Secret values of workspace MCP servers in `<dataDir>/mcp-secrets.json` (mode 0600, written atomically). They
 * leave this class only into the generated `--mcp-config` file of a launch.
 */
export class McpSecrets {
  private readonly file: PrivateJsonFile<Record<string, SecretValues>>;

  constructor(dataDir: string) {
    this.file = new PrivateJsonFile(dataDir, MCP_SECRETS_FILE, SecretFile, () => ({}), "MCP servers start without their secrets");
  }

  of(serverId: string): SecretValues {
    return this.file.read()[serverId] ?? { env: {}, headers: {}, url: {} };
  }

  set(serverId: string, values: SecretValues): void {
    this.file.write({ ...this.file.read(), [serverId]: values });
  }

  remove(serverId: string): void {
    const all = this.file.read();
    delete all[serverId];
    this.file.write(all);
  }

  /** Drops the values of every server `isKept` refuses (servers deleted with their workspace); writes only on a change. */
  keepOnly(isKept: (serverId: string) => boolean): void {
    const all = this.file.read();
    const gone = Object.keys(all).filter((serverId) => !isKept(serverId));
    if (gone.length === 0) return;
    for (const serverId of gone) delete all[serverId];
    this.file.write(all);
  }
}
