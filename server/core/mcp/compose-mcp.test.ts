import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventCommitter } from "../conversations/event-committer.ts";
import { EventBus } from "../event-bus.ts";
import { composeMcp, type McpParts } from "./compose-mcp.ts";

let t: TempDb;
let bus: EventBus;
let mcp: McpParts;
let id: ConversationId;

beforeEach(() => {
  t = openTempDb();
  bus = new EventBus();
  id = seedConversation(t.repos).conversation.id as ConversationId;
  mcp = composeMcp({
    repos: t.repos,
    bus,
    now: () => 1,
    dataDir: join(t.dir, "data"),
    // A built-in server URL: every launch gets a file and a secret, as in the real server.
    builtinServerUrl: () => "http://127.0.0.1:1/mcp",
    control: async () => null,
    // The built-in server's tools are not called here: these say so if one ever is.
    reviews: { list: () => [], update: () => notCalled("reviews.update") },
    notify: async () => notCalled("notify"),
    rerunSetup: async () => notCalled("rerunSetup"),
  });
});
afterEach(() => {
  mcp.stop();
  t.cleanup();
});

function notCalled(what: string): never {
  throw new Error(`${what} is not part of this test`);
}

/** The launch's `--mcp-config` path and the built-in server's secret written in it. */
function launch(): { path: string; token: string } {
  const args = mcp.launchExtras(id).args;
  const path = args[args.indexOf("--mcp-config") + 1] as string;
  const config = JSON.parse(readFileSync(path, "utf8")) as { mcpServers: { chatml: { headers: { Authorization: string } } } };
  return { path, token: config.mcpServers.chatml.headers.Authorization.replace("Bearer ", "") };
}

/** The CLI process's exit as the conversation's runtime commits it (a durable event on the bus). */
function exited(handoff?: "restart" | "terminal"): void {
  const committer = new EventCommitter(id, t.repos.events, bus, () => 1);
  committer.add([{ type: "process.exited", code: 0, signal: null, reason: "stopped", stderrTail: "", isExpected: true, ...(handoff ? { handoff } : {}) }]);
  committer.flush();
}

describe("the MCP launch files of a conversation's CLI", () => {
  it("keeps a restarted CLI's file when the old CLI's exit arrives after the new launch wrote it", () => {
    const old = launch();
    // The switch into bypass (ADR 0104): the next launch is prepared while the old process is still on its way out.
    const next = launch();
    expect(existsSync(old.path)).toBe(false);
    expect(mcp.isLaunchSecret(old.token)).toBe(false);

    exited("restart");

    expect(existsSync(next.path)).toBe(true);
    expect(mcp.isLaunchSecret(next.token)).toBe(true);
  });

  it("removes the file and its secret when the CLI exits for good", () => {
    const only = launch();
    exited();
    expect(existsSync(only.path)).toBe(false);
    expect(mcp.isLaunchSecret(only.token)).toBe(false);
  });
});
