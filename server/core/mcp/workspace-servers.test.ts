import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import { SaveMcpServerInput } from "../../../shared/api/mcp-inputs.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import { MCP_RUN_DIR, McpLaunchFiles } from "./launch-config.ts";
import { MCP_SECRETS_FILE, McpSecrets } from "./mcp-secrets.ts";
import { WorkspaceMcpServers } from "./workspace-servers.ts";

let t: TempDb;
let bus: EventBus;
let published: BusMessage[];
let servers: WorkspaceMcpServers;
let seeded: ReturnType<typeof seedConversation>;

const input = (raw: unknown) => SaveMcpServerInput.parse(raw);

beforeEach(() => {
  t = openTempDb();
  bus = new EventBus();
  published = [];
  bus.subscribe((m) => published.push(m));
  seeded = seedConversation(t.repos);
  servers = new WorkspaceMcpServers({ repos: t.repos, bus, now: () => 1, secrets: new McpSecrets(t.dir) });
});
afterEach(() => t.cleanup());

describe("a workspace's MCP servers", () => {
  it("keeps secret values in a 0600 file, shows them only as set, and keeps them when an edit sends none", () => {
    const workspaceId = seeded.workspace.id;
    const saved = servers.save(workspaceId, input({ name: "api", transport: "http", url: "https://mcp.example/x", headers: [{ key: "Authorization", value: "Bearer abc123", isSecret: true }, { key: "X-Team", value: "core" }] }));
    expect(saved.headers).toEqual([
      { key: "Authorization", value: null, isSecret: true, isSet: true },
      { key: "X-Team", value: "core", isSecret: false, isSet: true },
    ]);
    expect(JSON.stringify(servers.list(workspaceId))).not.toContain("abc123");
    expect(statSync(`${t.dir}/${MCP_SECRETS_FILE}`).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(t.db.all("SELECT * FROM mcp_servers"))).not.toContain("abc123");

    servers.save(workspaceId, input({ name: "api", transport: "http", url: "https://mcp.example/y", headers: [{ key: "Authorization", isSecret: true }] }), saved.id);
    expect(servers.resolvedForLaunch(workspaceId)[0]?.headerValues).toEqual({ Authorization: "Bearer abc123" });
    expect(published.some((m) => m.kind === "entity" && m.change.kind === "mcpServers")).toBe(true);
  });

  it("drops a workspace's secret values from the file once its history is deleted (its servers go with the row)", () => {
    const workspaceId = seeded.workspace.id;
    const stop = servers.followWorkspaces();
    const other = t.repos.workspaces.create({ path: `${t.dir}/other`, name: "other", isGitRepo: false });
    servers.save(workspaceId, input({ name: "api", transport: "http", url: "https://mcp.example/x", headers: [{ key: "Authorization", value: "Bearer gone-with-it", isSecret: true }] }));
    servers.save(other.id, input({ name: "kept", transport: "http", url: "https://mcp.example/y", headers: [{ key: "Authorization", value: "Bearer still-here", isSecret: true }] }));
    t.repos.workspaces.remove(workspaceId);
    bus.publish({ kind: "entity", change: { kind: "removed", entity: "workspace", id: workspaceId } });
    const file = readFileSync(join(t.dir, MCP_SECRETS_FILE), "utf8");
    expect(file).not.toContain("gone-with-it");
    expect(file).toContain("still-here");
    expect(servers.resolvedForLaunch(other.id)[0]?.headerValues).toEqual({ Authorization: "Bearer still-here" });
    stop();
  });

  it("keeps a credential in the URL like a secret header: masked in SQLite and every frame, real only in the launch file", () => {
    const workspaceId = seeded.workspace.id;
    const typed = "https://mcp.example/sse?api_key=sk-url-secret-1&team=core";
    const saved = servers.save(workspaceId, input({ name: "docs", transport: "sse", url: typed }));
    expect(saved.url).toBe("https://mcp.example/sse?api_key=•••&team=core");
    expect(JSON.stringify(published)).not.toContain("sk-url-secret-1");
    expect(JSON.stringify(t.db.all("SELECT * FROM mcp_servers"))).not.toContain("sk-url-secret-1");
    expect(readFileSync(join(t.dir, MCP_SECRETS_FILE), "utf8")).toContain("sk-url-secret-1");
    // An edit sends back what it was shown: the mask keeps the stored value; a new value typed over it replaces it.
    servers.save(workspaceId, input({ name: "docs", transport: "sse", url: "https://mcp.example/v2?api_key=•••" }), saved.id);
    expect(servers.resolvedForLaunch(workspaceId)[0]?.url).toBe("https://mcp.example/v2?api_key=sk-url-secret-1");
    servers.save(workspaceId, input({ name: "docs", transport: "sse", url: "https://mcp.example/v2?api_key=sk-new-2" }), saved.id);
    expect(servers.resolvedForLaunch(workspaceId)[0]?.url).toBe("https://mcp.example/v2?api_key=sk-new-2");
    expect(servers.list(workspaceId)[0]?.url).toBe("https://mcp.example/v2?api_key=•••");
  });

  it("keeps a URL's password and a credential in its path the same way, and leaves a harmless parameter (`keyboard`) shown", () => {
    const workspaceId = seeded.workspace.id;
    const typed = "https://bot:pw-url-4@hooks.slack.com/services/T0123/B0456/slack-secret-5?keyboard=us";
    const saved = servers.save(workspaceId, input({ name: "hooks", transport: "http", url: typed }));
    expect(saved.url).toBe("https://bot:•••@hooks.slack.com/services/T0123/B0456/•••?keyboard=us");
    for (const secret of ["pw-url-4", "slack-secret-5"]) {
      expect(JSON.stringify(published)).not.toContain(secret);
      expect(JSON.stringify(t.db.all("SELECT * FROM mcp_servers"))).not.toContain(secret);
    }
    expect(servers.resolvedForLaunch(workspaceId)[0]?.url).toBe(typed);
    servers.save(workspaceId, input({ name: "hooks", transport: "http", url: saved.url ?? "" }), saved.id);
    expect(servers.resolvedForLaunch(workspaceId)[0]?.url).toBe(typed);
  });

  it("shows a URL saved in clear before masking began masked, and keeps its credential when the edit sends the mask", () => {
    const workspaceId = seeded.workspace.id;
    const saved = servers.save(workspaceId, input({ name: "old", transport: "http", url: "https://mcp.example/x" }));
    t.db.run("UPDATE mcp_servers SET url = $url WHERE id = $id", { $url: "https://mcp.example/x?token=clear-3", $id: saved.id });
    expect(servers.list(workspaceId)[0]?.url).toBe("https://mcp.example/x?token=•••");
    servers.save(workspaceId, input({ name: "old", transport: "http", url: "https://mcp.example/x?token=•••" }), saved.id);
    expect(JSON.stringify(t.db.all("SELECT * FROM mcp_servers"))).not.toContain("clear-3");
    expect(servers.resolvedForLaunch(workspaceId)[0]?.url).toBe("https://mcp.example/x?token=clear-3");
  });

  it("refuses a duplicate name, a new secret without a value and the built-in's name, losing nothing", () => {
    const workspaceId = seeded.workspace.id;
    servers.save(workspaceId, input({ name: "tools", transport: "stdio", command: "tool-server" }));
    expect(() => servers.save(workspaceId, input({ name: "tools", transport: "stdio", command: "other" }))).toThrow(/already has an MCP server named tools/);
    expect(() => servers.save(workspaceId, input({ name: "x", transport: "stdio", command: "c", env: [{ key: "TOKEN", isSecret: true }] }))).toThrow(/needs a value/);
    expect(SaveMcpServerInput.safeParse({ name: "chatml", transport: "stdio", command: "c" }).success).toBe(false);
    expect(SaveMcpServerInput.safeParse({ name: "web", transport: "sse" }).success).toBe(false);
    expect(servers.list(workspaceId).map((s) => s.command)).toEqual(["tool-server"]);
  });

  it("refuses variable and header names the server's process or HTTP client would refuse, saying which", () => {
    const issues = (raw: unknown) => SaveMcpServerInput.safeParse(raw).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
    expect(issues({ name: "x", transport: "stdio", command: "c", env: [{ key: "API KEY", value: "1" }, { key: "2FA", value: "1" }, { key: "OK_1", value: "1" }] })).toEqual([
      "env.0.key: API KEY is not a variable name: use letters, digits and underscores, not starting with a digit",
      "env.1.key: 2FA is not a variable name: use letters, digits and underscores, not starting with a digit",
    ]);
    expect(issues({ name: "x", transport: "http", url: "https://mcp.example.com", headers: [{ key: "Bad Header", value: "1" }, { key: "X-Token", value: "a\r\nInjected: 1" }, { key: "Authorization", value: "Bearer t" }] })).toEqual([
      "headers.0.key: Bad Header is not a header name: no spaces, colons or other separators",
      "headers.1.value: the value of X-Token must be one line",
    ]);
  });

  it("writes a 0600 --mcp-config per launch with secrets substituted and the built-in server, removed on release", () => {
    const workspaceId = seeded.workspace.id;
    servers.save(workspaceId, input({ name: "local", transport: "stdio", command: "run-me", args: ["--x"], env: [{ key: "KEY", value: "k-secret", isSecret: true }] }));
    const disabled = servers.save(workspaceId, input({ name: "off", transport: "stdio", command: "never" }));
    servers.setEnabled(workspaceId, disabled.id, false);
    const files = new McpLaunchFiles({ dataDir: t.dir, serversOf: (id) => servers.resolvedForLaunch(id), workspaceOf: () => workspaceId, switchedOffOf: () => [], builtinServerUrl: () => "http://127.0.0.1:1234/mcp" });
    const conversationId = seeded.conversation.id as ConversationId;
    const { args, release } = files.prepare(conversationId);
    expect(args).toHaveLength(2);
    const path = args[1] as string;
    expect(args[0]).toBe("--mcp-config");
    expect(dirname(path)).toBe(join(t.dir, MCP_RUN_DIR));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(statSync(join(t.dir, "run")).mode & 0o777).toBe(0o700);
    const config = JSON.parse(readFileSync(path, "utf8")) as { mcpServers: Record<string, { env?: Record<string, string>; command?: string; headers?: Record<string, string> }> };
    expect(Object.keys(config.mcpServers).sort()).toEqual(["chatml", "local"]);
    expect(config.mcpServers.local).toMatchObject({ command: "run-me", env: { KEY: "k-secret" } });
    // The built-in server is ChatML's own loopback URL, not a process per launch.
    expect(config.mcpServers.chatml).toMatchObject({ type: "http", url: "http://127.0.0.1:1234/mcp" });
    const token = config.mcpServers.chatml?.headers?.Authorization?.replace(/^Bearer /, "") as string;
    expect(files.conversationOf(token)).toBe(conversationId);

    release();
    expect(() => statSync(path)).toThrow();
    expect(files.conversationOf(token)).toBeNull();
    files.stop();
  });

  it("sweeps the launch files a killed server left behind when the next one starts", () => {
    const deps = { dataDir: t.dir, serversOf: () => [], workspaceOf: () => seeded.workspace.id, switchedOffOf: () => [], builtinServerUrl: () => "http://127.0.0.1:1234/mcp" };
    const killed = new McpLaunchFiles(deps);
    const left = killed.prepare(seeded.conversation.id as ConversationId).args[1] as string;
    expect(existsSync(left)).toBe(true);

    const next = new McpLaunchFiles(deps);
    expect(existsSync(left)).toBe(false);
    next.stop();
  });

  it("leaves servers switched off in the conversation out of its launch: ours out of the file, .mcp.json ones by --settings", () => {
    const workspaceId = seeded.workspace.id;
    servers.save(workspaceId, input({ name: "local", transport: "stdio", command: "run-me" }));
    servers.save(workspaceId, input({ name: "kept", transport: "stdio", command: "run-me-too" }));
    let off = ["local", "proj"];
    const files = new McpLaunchFiles({ dataDir: t.dir, serversOf: (id) => servers.resolvedForLaunch(id), workspaceOf: () => workspaceId, switchedOffOf: () => off, builtinServerUrl: () => "http://127.0.0.1:1234/mcp" });
    const conversationId = seeded.conversation.id as ConversationId;
    const { args } = files.prepare(conversationId);
    expect(args.slice(2)).toEqual(["--settings", JSON.stringify({ disabledMcpjsonServers: ["local", "proj"] })]);
    const config = JSON.parse(readFileSync(args[1] as string, "utf8")) as { mcpServers: Record<string, unknown> };
    expect(Object.keys(config.mcpServers).sort()).toEqual(["chatml", "kept"]);

    off = ["chatml", "kept", "local"];
    const next = files.prepare(conversationId).args;
    expect(next[0]).toBe("--settings");
    expect(JSON.parse(next[1] as string)).toEqual({ disabledMcpjsonServers: ["chatml", "kept", "local"] });
    files.stop();
  });
});
