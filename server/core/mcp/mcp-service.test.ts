import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import type { McpOverview } from "../../../shared/protocol/mcp.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventCommitter } from "../conversations/event-committer.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { EventBus, type BusMessage } from "../event-bus.ts";
import { McpService } from "./mcp-service.ts";

let t: TempDb;
let bus: EventBus;
let published: McpOverview[];
let controls: { subtype: string; fields: Record<string, unknown> }[];
let isRunning: boolean;
/** What the next controls throw, as a process being stopped does. */
let refusal: Error | null;
let listed: { name: string; status: string; scope: string }[];
let service: McpService;
let stop: () => void;
let id: ConversationId;

beforeEach(() => {
  t = openTempDb();
  bus = new EventBus();
  published = [];
  controls = [];
  isRunning = false;
  refusal = null;
  listed = [{ name: "docs", status: "disabled", scope: "project" }];
  bus.subscribe((m: BusMessage) => void (m.kind === "entity" && m.change.kind === "mcp" && published.push(m.change.overview)));
  id = seedConversation(t.repos).conversation.id as ConversationId;
  service = new McpService({
    repos: t.repos,
    bus,
    now: () => 1,
    hintsOf: () => ({ workspaceNames: new Set() }),
    workspaceOf: () => null,
    control: async (_id, subtype, fields) => {
      if (!isRunning) return null;
      controls.push({ subtype, fields });
      if (refusal) throw refusal;
      return subtype === "mcp_status" ? { mcpServers: listed } : {};
    },
  });
  stop = service.start();
});
afterEach(() => {
  stop();
  t.cleanup();
});

function init(status: string): void {
  const committer = new EventCommitter(id, t.repos.events, bus, () => 1);
  committer.add([{ type: "cli.session.updated", cliSessionId: "s1", cliVersion: "2.1.330", model: null, permissionMode: null, cwd: null, tools: [], slashCommands: [], transport: "stdio", mcpServers: [{ name: "docs", status, source: "project" }] }]);
  committer.flush();
}

describe("switching an MCP server off for one conversation", () => {
  it("is remembered without a running CLI, said on every device, and applied when the next CLI reports it on", async () => {
    init("connected");
    const off = await service.toggle(id, "docs", false);
    expect(off.switchedOff).toEqual(["docs"]);
    expect(off.note).toMatch(/switched off for this conversation from Claude Code's next start/);
    expect(published.at(-1)?.switchedOff).toEqual(["docs"]);

    isRunning = true;
    init("connected");
    await expect.poll(() => controls.some((c) => c.subtype === "mcp_toggle")).toBe(true);
    expect(controls.find((c) => c.subtype === "mcp_toggle")?.fields).toEqual({ serverName: "docs", enabled: false });
    await expect.poll(() => published.at(-1)?.isLive).toBe(true);

    controls = [];
    init("disabled");
    const on = await service.toggle(id, "docs", true);
    expect(on.switchedOff).toEqual([]);
    expect(controls.map((c) => c.subtype)).toEqual(["mcp_toggle", "mcp_status"]);
    expect(controls[0]?.fields).toEqual({ serverName: "docs", enabled: true });
  });

  it("lists a server left out of the launch as disabled, and says switching it on waits for the next start", async () => {
    init("connected");
    await service.toggle(id, "docs", false);
    isRunning = true;
    listed = [{ name: "other", status: "connected", scope: "user" }];
    const overview = await service.overview(id);
    expect(overview.servers.map((s) => [s.name, s.status])).toEqual([["other", "connected"], ["docs", "disabled"]]);
    const on = await service.toggle(id, "docs", true);
    expect(on.switchedOff).toEqual([]);
    expect(on.note).toMatch(/^docs was left out when Claude Code started; it comes on at its next start/);
    expect(published.at(-1)?.note).toBe(on.note);
  });

  it("refuses a server this conversation does not have, remembering nothing", async () => {
    init("connected");
    isRunning = true;
    await expect(service.toggle(id, "nonexistent", false)).rejects.toMatchObject({ code: "not_found", message: "This conversation has no MCP server named nonexistent." });
    expect(t.repos.mcpServers.switchedOff(id)).toEqual([]);
    expect(controls).toEqual([]);
    expect((await service.overview(id)).servers.map((s) => s.name)).toEqual(["docs"]);
    await expect(service.toggle(id, "chatml", false)).resolves.toMatchObject({ switchedOff: ["chatml"] });
  });

  it("switches a server on again when a new CLI reports it disabled although this conversation has it on", async () => {
    isRunning = true;
    init("disabled");
    await expect.poll(() => controls.some((c) => c.subtype === "mcp_toggle")).toBe(true);
    expect(controls.find((c) => c.subtype === "mcp_toggle")?.fields).toEqual({ serverName: "docs", enabled: true });
  });
});

/** A new process becomes ready: the service asks it for its servers at once, then again while any is pending. */
function processReady(): EventCommitter {
  const committer = new EventCommitter(id, t.repos.events, bus, () => 1);
  committer.add([{ type: "conversation.status.changed", status: "starting", reason: null }]);
  committer.add([{ type: "conversation.status.changed", status: "ready", reason: null }]);
  committer.flush();
  return committer;
}

describe("a new CLI's servers still pending", () => {
  it("says nothing when a recheck finds the process going away: its exit shows the ended process's list", async () => {
    init("connected");
    isRunning = true;
    listed = [{ name: "docs", status: "pending", scope: "project" }];
    const committer = processReady();
    await expect.poll(() => published.some((overview) => overview.isLive)).toBe(true);
    // A relaunch: the old process takes no more input before its exit is recorded.
    refusal = new AppError("cli_unavailable", "The Claude Code process is not accepting input.");
    const before = published.length;
    await expect.poll(() => controls.filter((c) => c.subtype === "mcp_status").length).toBe(2);
    committer.add([{ type: "process.exited", code: 0, signal: null, reason: "Relaunched", stderrTail: "", isExpected: true }]);
    committer.flush();
    await expect.poll(() => published.at(-1)?.note).toMatch(/^From the Claude Code process that ended/);
    expect(published.slice(before).map((overview) => overview.note)).toEqual([expect.stringMatching(/^From the Claude Code process that ended/)]);
  });

  it("cancels the recheck timers when the service stops: nothing asks the CLI after stop", async () => {
    isRunning = true;
    listed = [{ name: "docs", status: "pending", scope: "project" }];
    processReady();
    await expect.poll(() => controls.filter((c) => c.subtype === "mcp_status").length).toBe(1);

    stop();
    const askedBeforeStop = controls.length;
    // Real timers fire in deadline order: this one, set after the first recheck's (250 ms), fires after it would have.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Promise.resolve();
    expect(controls.length).toBe(askedBeforeStop);
  });
});
