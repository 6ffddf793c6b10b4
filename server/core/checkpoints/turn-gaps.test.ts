import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempRepo } from "../../git/test-support.ts";
import { openTempDb, seedConversation } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { TurnSnapshots } from "../workbench/turn-snapshots.ts";
import { CheckpointService } from "./checkpoint-service.ts";
import { TurnGaps } from "./turn-gaps.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const COMPLETED: DurableEvent = { type: "turn.completed", isError: false, subtype: "success", resultText: null, errors: [], totalCostUsd: 0, usage: null, numTurns: 1, durationMs: 1, durationApiMs: 1, terminalReason: null, apiErrorStatus: null };

/** A repository with two sessions working in it (they share its files), the workbench's turn snapshots and the service. */
async function folderWithTwoSessions() {
  const cwd = await makeTempRepo();
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  const db = openTempDb();
  cleanups.push(() => db.cleanup());
  db.repos.workspaces.create({ path: cwd, isGitRepo: true });
  const first = seedConversation(db.repos, cwd);
  const second = seedConversation(db.repos, cwd);
  const sameSession = db.repos.conversations.create({ sessionId: first.session.id });
  const bus = new EventBus();
  let clock = 1_000;
  const now = () => ++clock;
  const turns = new TurnSnapshots({ repos: db.repos, bus, now });
  cleanups.push(turns.start());
  const service = new CheckpointService({ repos: db.repos, bus, now, lastTurn: (id) => turns.get(id) });
  cleanups.push(service.watchTurns());
  const write = (path: string, text: string) => writeFileSync(join(cwd, path), text);
  const commit = async (conversationId: ConversationId, event: DurableEvent) => {
    for (const sequenced of db.repos.events.appendBatch(conversationId, [event], now())) bus.publish({ kind: "event", conversationId, sequenced });
    await Promise.all([turns.settled(first.session.id), turns.settled(second.session.id)]);
  };
  const startTurn = (conversationId: ConversationId) => commit(conversationId, { type: "conversation.status.changed", status: "running", reason: null });
  const endTurn = async (conversationId: ConversationId) => {
    await commit(conversationId, COMPLETED);
    await commit(conversationId, { type: "conversation.status.changed", status: "idle", reason: null });
  };
  /** A send's turn: its checkpoint, the turn running `work`, its end; answers the checkpoint. */
  const turn = async (conversationId: ConversationId, text: string, work: () => void | Promise<void>) => {
    const checkpoint = await service.captureTurn(conversationId, `msg_${text}`, text);
    if (!checkpoint) throw new Error("no checkpoint");
    await startTurn(conversationId);
    await work();
    await endTurn(conversationId);
    return checkpoint;
  };
  const marked = async (conversationId: ConversationId, checkpointId: string) => (await service.preview(conversationId, checkpointId)).files;
  return { first: first.conversation.id, second: second.conversation.id, sameSession: sameSession.id, service, write, startTurn, endTurn, turn, marked };
}

describe("a rewind's preview says which files it would delete were made by hand between turns (ADR 0252)", () => {
  it("marks a file made between turn 1 and turn 2, not one Claude made in either turn", async () => {
    const { first, write, turn, marked } = await folderWithTwoSessions();
    const one = await turn(first, "one", () => write("report.md", "by Claude\n"));
    write("my-notes.md", "by hand\n");
    await turn(first, "two", () => write("summary.md", "by Claude\n"));

    expect(await marked(first, one.id)).toEqual([
      { path: "my-notes.md", change: "deleted", isMadeAfterClaude: true },
      { path: "report.md", change: "deleted" },
      { path: "summary.md", change: "deleted" },
    ]);
  });

  it("does not claim a file made while another conversation of the folder was in a turn, and claims one made once it ended", async () => {
    const { first, second, write, turn, startTurn, endTurn, marked } = await folderWithTwoSessions();
    const one = await turn(first, "one", () => write("report.md", "by Claude\n"));
    await startTurn(second);
    write("during-their-turn.md", "by Claude or by hand\n");
    // Messages sent here while their turn runs: their checkpoints claim nothing, though this conversation's turns end.
    await turn(first, "two", () => undefined);
    write("still-during-their-turn.md", "by Claude or by hand\n");
    await turn(first, "three", () => undefined);
    await endTurn(second);
    write("after-their-turn.md", "by hand\n");
    await turn(first, "four", () => undefined);

    expect(await marked(first, one.id)).toEqual([
      { path: "after-their-turn.md", change: "deleted", isMadeAfterClaude: true },
      { path: "during-their-turn.md", change: "deleted" },
      { path: "report.md", change: "deleted" },
      { path: "still-during-their-turn.md", change: "deleted" },
    ]);
  });

  it("does not claim a file a rewind's undo brought back between turns", async () => {
    const { first, service, write, turn, marked } = await folderWithTwoSessions();
    const one = await turn(first, "one", () => write("report.md", "by Claude\n"));
    const { undo } = await service.rewind(first, one.id);
    await turn(first, "two", () => undefined);
    await service.rewind(first, undo.id);
    write("my-notes.md", "by hand\n");
    await turn(first, "three", () => undefined);

    expect(await marked(first, one.id)).toEqual([
      { path: "my-notes.md", change: "deleted" },
      { path: "report.md", change: "deleted" },
    ]);
  });

  it("does not claim a file made after a turn of the session that overlapped a longer one ended: the workbench kept only the shorter's end", async () => {
    const { first, sameSession, write, turn, startTurn, endTurn, marked } = await folderWithTwoSessions();
    const one = await turn(first, "one", () => undefined);
    await startTurn(first);
    await startTurn(sameSession);
    await endTurn(sameSession);
    write("late-work.md", "by Claude, in the longer turn\n");
    await endTurn(first);
    await turn(first, "two", () => undefined);

    expect(await marked(first, one.id)).toEqual([{ path: "late-work.md", change: "deleted" }]);
  });
});

describe("a send's checkpoint waits for its own folder's turn end only, and not for long (ADR 0252)", () => {
  /** TurnGaps over a bus, with the workbench's end-tree reads answered by hand. */
  function gapsWithReadsByHand() {
    const bus = new EventBus();
    const reads = new Map<string, (end: string) => void>();
    const places: Record<string, { cwd: string; sessionId: SessionId }> = { cnv_a: { cwd: "/a", sessionId: "ses_a" as SessionId }, cnv_b: { cwd: "/b", sessionId: "ses_b" as SessionId } };
    const gaps = new TurnGaps({
      bus,
      placeOf: (id) => places[id] ?? null,
      lastTurn: (sessionId) => new Promise((resolve) => reads.set(sessionId, (end) => resolve({ conversationId: sessionId.replace("ses_", "cnv_") as ConversationId, end }))),
    });
    cleanups.push(gaps.watch());
    let seq = 0;
    const publish = (conversationId: string, event: DurableEvent) => bus.publish({ kind: "event", conversationId: conversationId as ConversationId, sequenced: { seq: ++seq, at: seq, event } as never });
    const runTurn = (conversationId: string) => {
      publish(conversationId, { type: "conversation.status.changed", status: "running", reason: null });
      publish(conversationId, COMPLETED);
    };
    return { gaps, reads, runTurn };
  }

  it("another folder's turn end still being read holds nothing here", async () => {
    const { gaps, runTurn } = gapsWithReadsByHand();
    runTurn("cnv_b");
    const outcome = await Promise.race([gaps.settled("/a", 60_000).then(() => "settled"), new Promise((resolve) => setTimeout(() => resolve("held"), 1_000))]);
    expect(outcome).toBe("settled");
  });

  it("a read of its own folder that does not come back in time lets the send go, and the gap claims nothing", async () => {
    const { gaps, reads, runTurn } = gapsWithReadsByHand();
    runTurn("cnv_a");
    await gaps.settled("/a", 20);
    reads.get("ses_a")?.("tree-after-turn");
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gaps.gapStart("/a")).toBeNull();
    // A read that comes back in time sets the gap's start.
    runTurn("cnv_a");
    const waited = gaps.settled("/a", 60_000);
    reads.get("ses_a")?.("tree-after-second-turn");
    await waited;
    expect(gaps.gapStart("/a")).toBe("tree-after-second-turn");
  });
});
