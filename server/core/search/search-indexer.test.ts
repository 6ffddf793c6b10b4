import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assistantMessage, openTempDb, seedConversation, textPart, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { EventCommitter } from "../conversations/event-committer.ts";
import { SearchIndexer } from "./search-indexer.ts";

let t: TempDb;
let indexer: SearchIndexer;
beforeEach(() => {
  t = openTempDb();
});
afterEach(() => {
  indexer.stop();
  t.cleanup();
});

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("SearchIndexer", () => {
  it("indexes text stored through the bus shortly after the commit, in steps, until nothing is left", async () => {
    const bus = new EventBus();
    indexer = new SearchIndexer(t.repos.search);
    indexer.start(bus);
    const { conversation } = seedConversation(t.repos);
    const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
    committer.add(Array.from({ length: 25 }, (_, i) => ({ type: "message.created" as const, message: assistantMessage([textPart(`answer number ${i}`)]) })));
    committer.flush();
    expect(t.repos.search.pendingCount()).toBe(25);
    await until(() => t.repos.search.pendingCount() === 0);
    expect(t.repos.search.pendingCount()).toBe(0);
  });

  it("does not tokenize an answer while it streams; its settled text is indexed once", async () => {
    const bus = new EventBus();
    indexer = new SearchIndexer(t.repos.search);
    indexer.start(bus);
    const { conversation } = seedConversation(t.repos);
    const committer = new EventCommitter(conversation.id, t.repos.events, bus, () => 1);
    const message = assistantMessage([]);
    const part = textPart("streaming so far");
    committer.add([{ type: "message.created", message }, { type: "message.part.updated", messageId: message.id, part: { ...part, streamState: "streaming" } }]);
    committer.flush();
    // The step after the message's creation has run once nothing but the streaming part is left.
    await until(() => t.repos.search.pendingCount() === 1 && !indexer.isScheduled);
    expect(t.repos.search.pendingCount()).toBe(1);
    committer.add([{ type: "message.part.updated", messageId: message.id, part: { ...part, text: "settled answer" } }]);
    committer.flush();
    await until(() => t.repos.search.pendingCount() === 0);
    expect(t.repos.search.pendingCount()).toBe(0);
    expect(t.repos.search.search("settled", 10)).toHaveLength(1);
  });

  it("on start, indexes what an earlier run left behind", async () => {
    const { conversation } = seedConversation(t.repos);
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: assistantMessage([textPart("left behind")]) }], 1);
    indexer = new SearchIndexer(t.repos.search);
    indexer.start(new EventBus());
    await until(() => t.repos.search.pendingCount() === 0);
    expect(t.repos.search.pendingCount()).toBe(0);
  });
});
