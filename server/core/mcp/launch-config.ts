import { randomBytes } from "../../lib/web-crypto.ts";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import type { ResolvedServer } from "./workspace-servers.ts";

/** Where launch files live, under the data dir (never `/tmp`: they can hold secrets and a killed server leaves them). */
export const MCP_RUN_DIR = join("run", "mcp");

export type LaunchConfigDeps = {
  /** ChatML's data dir; the files go in `<dataDir>/run/mcp/` (0700). */
  dataDir: string;
  /** The enabled workspace servers with their secret values. */
  serversOf(workspaceId: WorkspaceId): ResolvedServer[];
  workspaceOf(conversationId: ConversationId): WorkspaceId | null;
  /** Servers the user switched off in this conversation (`conversation_mcp_off`): left out of its launches. */
  switchedOffOf(conversationId: ConversationId): string[];
  /** The built-in server's URL (`http://127.0.0.1:<port>/mcp`), or null before it listens. */
  builtinServerUrl(): string | null;
};

type Launch = { path: string; token: string };

/** One launch's MCP servers: the `--mcp-config` file (null: nothing to put in it) and the `.mcp.json` servers left out. */
export type McpLaunch = { configPath: string | null; disabledMcpjsonServers: string[] };

/**
 * Writes one `--mcp-config` file per CLI launch (mode 0600, in `<dataDir>/run/mcp/`, 0700; the file is removed when
 * its CLI exits) with the workspace's servers — secrets substituted — and ChatML's own server, which gets a fresh
 * secret naming the conversation. A server that was killed cannot clean up, so every start sweeps what is left:
 * the data-dir lock means no other server's launch can be in there.
 */
export class McpLaunchFiles {
  private readonly dir: string;
  /** By launch key: one per launch, of a structured CLI or an interactive TUI. */
  private readonly launches = new Map<string, Launch>();
  private readonly tokens = new Map<string, ConversationId>();

  constructor(private readonly deps: LaunchConfigDeps) {
    this.dir = join(deps.dataDir, MCP_RUN_DIR);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The flags for a conversation's next structured launch. Servers switched off in this conversation are off from its
   * first request (ADR 0039): ChatML's own and the workspace's are left out of the file, the project's `.mcp.json`
   * ones are named in `--settings {"disabledMcpjsonServers": […]}` (both pinned CLIs then neither start nor list them).
   */
  prepare(conversationId: ConversationId): { args: string[]; env: Record<string, string>; release: () => void } {
    // A key per launch, released by that launch's own exit: keyed by the conversation, the late exit of a CLI that was
    // stopped for a restart took the next launch's file ("MCP config file not found"), and so on down the line.
    const key = `${conversationId}-${randomBytes(6).toString("hex")}`;
    const { configPath, disabledMcpjsonServers } = this.write(key, conversationId);
    const settings = disabledMcpjsonServers.length > 0 ? ["--settings", JSON.stringify({ disabledMcpjsonServers })] : [];
    return { args: [...(configPath ? ["--mcp-config", configPath] : []), ...settings], env: {}, release: () => this.release(key) };
  }

  /** The same servers for the conversation's interactive TUI, under a key of its own (released when its terminal ends). */
  prepareInteractive(conversationId: ConversationId): McpLaunch & { key: string } {
    const key = `interactive-${randomBytes(6).toString("hex")}`;
    return { key, ...this.write(key, conversationId) };
  }

  /** The conversation whose built-in server holds this secret, or null. */
  conversationOf(token: string): ConversationId | null {
    return this.tokens.get(token) ?? null;
  }

  /** A launch's CLI exited: its file goes and its secret stops working. */
  release(key: string): void {
    const launch = this.launches.get(key);
    if (!launch) return;
    this.launches.delete(key);
    this.tokens.delete(launch.token);
    rmSync(launch.path, { force: true });
  }

  private write(key: string, conversationId: ConversationId): McpLaunch {
    this.release(key);
    const off = this.deps.switchedOffOf(conversationId);
    const workspaceId = this.deps.workspaceOf(conversationId);
    const servers: Record<string, unknown> = {};
    for (const server of workspaceId ? this.deps.serversOf(workspaceId) : []) if (!off.includes(server.name)) servers[server.name] = configOf(server);
    const builtinUrl = this.deps.builtinServerUrl();
    const token = randomBytes(32).toString("base64url");
    if (builtinUrl && !off.includes("chatml")) {
      // Served by ChatML itself (ADR 0054): no process per launch; the secret names the conversation.
      servers.chatml = { type: "http", url: builtinUrl, headers: { Authorization: `Bearer ${token}` } };
      this.tokens.set(token, conversationId);
    }
    if (Object.keys(servers).length === 0) return { configPath: null, disabledMcpjsonServers: off };
    const path = join(this.ensureDir(), `${conversationId}-${randomBytes(6).toString("hex")}.json`);
    writeFileSync(path, JSON.stringify({ mcpServers: servers }), { mode: 0o600 });
    this.launches.set(key, { path, token });
    return { configPath: path, disabledMcpjsonServers: off };
  }

  /** Removes every generated file (server shutdown). */
  stop(): void {
    this.launches.clear();
    this.tokens.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ensureDir(): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // `run/` too: mkdir's mode is cut by the umask, and an older dir may be wider.
    chmodSync(join(this.dir, ".."), 0o700);
    chmodSync(this.dir, 0o700);
    return this.dir;
  }
}

function configOf(server: ResolvedServer): Record<string, unknown> {
  if (server.transport === "stdio") return { type: "stdio", command: server.command, args: server.args, env: server.envValues };
  return { type: server.transport, url: server.url, headers: server.headerValues };
}
