import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { assistantMessage, openTempDb, seedConversation, textPart, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { EventCommitter } from "../conversations/event-committer.ts";
import { followRunningTurns } from "../conversations/running-turns.ts";
import { SearchIndexer } from "./search-indexer.ts";
import { until } from "../../test-support/until.ts";

let t: TempDb;
let indexer: SearchIndexer;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => {
  indexer.stop();
  t.cleanup();
});

/**
 * A tokenizing step's cost on the clock steps are timed with: a long answer's, measured 5–130 ms (ADR 0181). At 60 ms
 * the share that grows with the backlog leaves 10 answers waiting at most here, a share fixed at `busyShare` 13.
 */
const STEP_COST_MS = 60;

/** Waits for a condition, not a time: on a loaded machine the steps take seconds (the pace follows their cost). */

describe("SearchIndexer", () => {
  it("indexes text stored through the bus shortly after the commit, in steps, until nothing is left", async () => {
    const bus = new EventBus();
    indexer = new SearchIndexer(t.repos.search, followRunningTurns(bus));
    indexer.start(bus);
    const { conversation } = seedConversation(t.repos);
    const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
    committer.add(Array.from({ length: 25 }, (_, i) => ({ type: "message.created" as const, message: assistantMessage([textPart(`answer number ${i}`)]) })));
    committer.flush();
    expect(t.repos.search.pendingCount()).toBe(25);
    await until(() => t.repos.search.pendingCount() === 0, "nothing left to index");
    expect(t.repos.search.pendingCount()).toBe(0);
  });

  it("does not tokenize an answer while it streams; its settled text is indexed once", async () => {
    const bus = new EventBus();
    indexer = new SearchIndexer(t.repos.search, followRunningTurns(bus));
    indexer.start(bus);
    const { conversation } = seedConversation(t.repos);
    const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
    const message = assistantMessage([]);
    const part = textPart("streaming so far");
    committer.add([{ type: "message.created", message }, { type: "message.part.updated", messageId: message.id, part: { ...part, streamState: "streaming" } }]);
    committer.flush();
    // The step after the message's creation has run once nothing but the streaming part is left.
    await until(() => t.repos.search.pendingCount() === 1 && !indexer.isScheduled, "only the streaming part left, no step due");
    expect(t.repos.search.pendingCount()).toBe(1);
    committer.add([{ type: "message.part.updated", messageId: message.id, part: { ...part, text: "settled answer" } }]);
    committer.flush();
    await until(() => t.repos.search.pendingCount() === 0, "nothing left to index");
    expect(t.repos.search.pendingCount()).toBe(0);
    expect(await t.repos.search.search("settled", 10)).toHaveLength(1);
  });

  it("waits while a turn is running and indexes once every turn has ended", async () => {
    const bus = new EventBus();
    indexer = new SearchIndexer(t.repos.search, followRunningTurns(bus), { quietMs: 10, maxDeferMs: 60_000, busyStepGapMs: 10, busyShare: 0.5, backlogParts: 20, idleStepGapMs: 10 });
    indexer.start(bus);
    const first = seedConversation(t.repos, "/tmp/first").conversation;
    const second = seedConversation(t.repos, "/tmp/second").conversation;
    const committers = [first, second].map((conversation) => new EventCommitter(conversation.id, t.repos.events, bus, () => 1));
    const status = (index: number, value: "running" | "ready") => {
      committers[index]!.add([{ type: "conversation.status.changed", status: value, reason: null }]);
      committers[index]!.flush();
    };
    status(0, "running");
    status(1, "running");
    committers[0]!.add([{ type: "message.created", message: assistantMessage([textPart("answered while another streams")]) }]);
    committers[0]!.flush();
    status(0, "ready");
    // Nothing is tokenized while the second turn still runs, however long the indexer is given.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.repos.search.pendingCount()).toBe(1);
    status(1, "ready");
    await until(() => t.repos.search.pendingCount() === 0, "nothing left to index");
    expect(t.repos.search.pendingCount()).toBe(0);
    expect(await t.repos.search.search("streams", 10)).toHaveLength(1);
  });

  it("indexes anyway, a step at a time, when turns never stop running", async () => {
    const bus = new EventBus();
    let now = 0;
    indexer = new SearchIndexer(t.repos.search, followRunningTurns(bus), { quietMs: 10, maxDeferMs: 1_000, busyStepGapMs: 20, busyShare: 0.5, backlogParts: 20, idleStepGapMs: 20 }, () => now);
    indexer.start(bus);
    const { conversation } = seedConversation(t.repos);
    const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
    committer.add([{ type: "conversation.status.changed", status: "running", reason: null }]);
    committer.add(Array.from({ length: 25 }, (_, i) => ({ type: "message.created" as const, message: assistantMessage([textPart(`answer number ${i}`)]) })));
    committer.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.repos.search.pendingCount()).toBe(25);
    // Overdue: it catches up in steps (10 parts each) although the turn still runs.
    now = 1_000;
    await until(() => t.repos.search.pendingCount() === 0, "nothing left to index");
    expect(t.repos.search.pendingCount()).toBe(0);
  });

  it("with no turn running, leaves the loop free between steps and still indexes everything", async () => {
    const bus = new EventBus();
    const stepsAt: number[] = [];
    const index = { indexPending: (limit: number, options: { maxChars: number; isSettledOnly: boolean; isOneIndexAPart: boolean }) => (stepsAt.push(performance.now()), t.repos.search.indexPending(limit, options)), pendingCount: () => t.repos.search.pendingCount() };
    indexer = new SearchIndexer(index, followRunningTurns(bus), { quietMs: 10, maxDeferMs: 60_000, busyStepGapMs: 10, busyShare: 0.5, backlogParts: 20, idleStepGapMs: 80 });
    indexer.start(bus);
    const { conversation } = seedConversation(t.repos);
    const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
    committer.add(Array.from({ length: 25 }, (_, i) => ({ type: "message.created" as const, message: assistantMessage([textPart(`spaced answer ${i}`)]) })));
    committer.flush();
    await until(() => t.repos.search.pendingCount() === 0 && !indexer.isScheduled, "nothing left and no step due");
    // Steps of 10, 10 and 5 parts into each index in turn, and the one that finds nothing left: none back to back.
    const gaps = stepsAt.slice(1).map((at, i) => at - stepsAt[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(75);
    expect(await t.repos.search.search("spaced", 30)).toHaveLength(25);
  });

  it("keeps up with long answers stored more often than the quiet time while turns never stop (overdue)", async () => {
    // Steps are timed on a clock of their own that gives each a fixed cost, and time passes only when the test moves
    // it: what is left then depends on the pacing alone, not on how fast this machine tokenizes at the moment (at load
    // ~20 on 2 cores a real step took long enough for 14–15 answers to wait).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const bus = new EventBus();
      let now = 0;
      let stepNow = 0;
      const index = { indexPending: (...args: Parameters<typeof t.repos.search.indexPending>) => ((stepNow += STEP_COST_MS), t.repos.search.indexPending(...args)), pendingCount: () => t.repos.search.pendingCount() };
      indexer = new SearchIndexer(index, followRunningTurns(bus), undefined, () => now, () => stepNow);
      indexer.start(bus);
      const { conversation } = seedConversation(t.repos);
      const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
      committer.add([{ type: "conversation.status.changed", status: "running", reason: null }]);
      committer.flush();
      const longAnswer = (i: number) => `answer ${i} ${"several plain words of a long answer ".repeat(1_700)}`;
      let mostPending = 0;
      for (let i = 0; i < 20; i++) {
        committer.add([{ type: "message.created", message: assistantMessage([textPart(longAnswer(i))]) }]);
        committer.flush();
        // Indexing has waited its longest since the first: it must make progress though text comes every 250 ms.
        now = i === 0 ? 60_000 : now;
        mostPending = Math.max(mostPending, t.repos.search.pendingCount());
        await vi.advanceTimersByTimeAsync(250);
      }
      // ~62 KB every 250 ms, more than the paced bench's twenty conversations store (~3.6 a second): a few stay behind.
      expect(mostPending).toBeLessThanOrEqual(12);
      for (let i = 0; i < 200 && t.repos.search.pendingCount() > 0; i++) await vi.advanceTimersByTimeAsync(250);
      expect(t.repos.search.pendingCount()).toBe(0);
      expect(await t.repos.search.search("answer", 30)).toHaveLength(20);
    } finally {
      vi.useRealTimers();
    }
    // No wait here is a time: it is 40 steps tokenizing ~62 KB each, 2 s on a quiet machine and ~20 s at load ~20.
  }, 60_000);

  it("on start, indexes what an earlier run left behind", async () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([textPart("left behind")]) }], 1);
    const bus = new EventBus();
    indexer = new SearchIndexer(t.repos.search, followRunningTurns(bus));
    indexer.start(bus);
    await until(() => t.repos.search.pendingCount() === 0, "nothing left to index");
    expect(t.repos.search.pendingCount()).toBe(0);
  });
});
