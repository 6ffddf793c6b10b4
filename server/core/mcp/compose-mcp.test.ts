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

/** A launch's `--mcp-config` path, the built-in server's secret written in it, and its release (its CLI exited). */
function launch(): { path: string; token: string; release: () => void } {
  const extras = mcp.launchExtras(id);
  const path = extras.args[extras.args.indexOf("--mcp-config") + 1] as string;
  const config = JSON.parse(readFileSync(path, "utf8")) as { mcpServers: { chatml: { headers: { Authorization: string } } } };
  return { path, token: config.mcpServers.chatml.headers.Authorization.replace("Bearer ", ""), release: () => extras.release?.() };
}

describe("the MCP launch files of a conversation's CLI", () => {
  it("keeps a restarted CLI's file when the old CLI's exit arrives after the new launch wrote it", () => {
    const old = launch();
    // The switch into bypass (ADR 0104): the next launch is prepared while the old process is still on its way out.
    const next = launch();
    old.release();

    expect(existsSync(old.path)).toBe(false);
    expect(mcp.isLaunchSecret(old.token)).toBe(false);
    expect(existsSync(next.path)).toBe(true);
    expect(mcp.isLaunchSecret(next.token)).toBe(true);
  });

  it("keeps a launch's file while a process.exited of the conversation is committed (an older CLI's, published late)", () => {
    const only = launch();
    const committer = new EventCommitter(id, t.repos.events, bus, () => 1);
    committer.add([{ type: "process.exited", code: 0, signal: null, reason: "stopped", stderrTail: "", isExpected: true }]);
    committer.flush();
    expect(existsSync(only.path)).toBe(true);
    expect(mcp.isLaunchSecret(only.token)).toBe(true);
  });

  it("removes the file and its secret when its CLI exits for good", () => {
    const only = launch();
    only.release();
    expect(existsSync(only.path)).toBe(false);
    expect(mcp.isLaunchSecret(only.token)).toBe(false);
  });
});
