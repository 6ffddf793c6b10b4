import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import type { SendMessageInput } from "../../../shared/api/inputs.ts";
import type { ConversationStatus } from "../../../shared/protocol/model.ts";
import type { MessageQueue } from "../../../shared/protocol/queue.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { checkHistoryImages } from "../conversations/history-images.ts";
import { MessageQueueService } from "./queue-service.ts";

let t: TempDb;
let bus: EventBus;
let sent: { conversationId: ConversationId; input: SendMessageInput }[];
let failWith: string | null;
let service: MessageQueueService;
let stop: () => void;
let id: ConversationId;
let published: MessageQueue[];
let onSent: (() => void) | null;

/** Commits a status change and publishes it, as the runtime does. */
function setStatus(status: ConversationStatus): void {
  for (const sequenced of t.repos.events.appendBatch(id, [{ type: "conversation.status.changed", status, reason: null }], 1)) {
    bus.publish({ kind: "event", conversationId: id, sequenced });
  }
}

function build(): void {
  service = new MessageQueueService({
    repos: t.repos,
    bus,
    now: () => Date.now(),
    send: async (conversationId, input) => {
      if (failWith) throw new Error(failWith);
      sent.push({ conversationId, input });
      setStatus("running");
      onSent?.();
    },
    refuseImages: (conversationId, queuedAhead, images) => void checkHistoryImages(t.repos, conversationId, images, queuedAhead),
  });
  stop = service.start();
}

const nextSend = () => new Promise<void>((resolve) => (onSent = resolve));
const settled = () => new Promise((resolve) => setTimeout(resolve, 5));
const enqueue = (text: string, commandId = `cmd-${text}-0001`, sendAfter: number | null = null) => service.enqueue(id, { commandId, text, images: [], sendAfter });

beforeEach(() => {
  t = openTempDb();
  bus = new EventBus();
  sent = [];
  failWith = null;
  onSent = null;
  published = [];
  id = seedConversation(t.repos).conversation.id;
  bus.subscribe((m) => m.kind === "entity" && m.change.kind === "queue" && published.push(m.change.queue));
  build();
  setStatus("running");
});
afterEach(() => {
  stop();
  t.cleanup();
});

describe("MessageQueueService", () => {
  it("holds messages while a turn runs and sends one per finished turn, in order", async () => {
    enqueue("first");
    enqueue("second");
    await settled();
    expect(sent).toEqual([]);
    expect(service.list(id).items.map((m) => [m.text, m.state])).toEqual([["first", "waiting"], ["second", "waiting"]]);
    expect(published.at(-1)?.items).toHaveLength(2);

    const first = nextSend();
    setStatus("ready");
    await first;
    expect(sent.map((s) => s.input.text)).toEqual(["first"]);
    await settled();
    expect(service.list(id).items.map((m) => m.text)).toEqual(["second"]);

    const second = nextSend();
    setStatus("ready");
    await second;
    await settled();
    expect(sent.map((s) => s.input.text)).toEqual(["first", "second"]);
    expect(service.list(id).items).toEqual([]);
    expect(published.at(-1)?.items).toEqual([]);
  });

  it("sends nothing when a turn the user stopped ends: the queue goes on at the next turn's end, or with Send now", async () => {
    enqueue("after the stop");
    enqueue("later still");
    service.holdOverStop(id);
    setStatus("ready");
    await settled();
    await settled();
    expect(sent).toEqual([]);
    expect(service.list(id).items.map((m) => [m.text, m.state])).toEqual([["after the stop", "held"], ["later still", "held"]]);
    expect(published.at(-1)?.items.map((m) => m.state)).toEqual(["held", "held"]);

    // "Send now" on the held head, then the turn it starts ends as turns do: the next one goes.
    const head = service.list(id).items[0];
    if (!head) throw new Error("not queued");
    await service.sendNow(id, head.id);
    expect(sent.map((s) => s.input.text)).toEqual(["after the stop"]);
    // Its turn started: what is left waits for that turn's end, on every device.
    expect(published.at(-1)?.items.map((m) => [m.text, m.state])).toEqual([["later still", "waiting"]]);
    const next = nextSend();
    setStatus("ready");
    await next;
    expect(sent.map((s) => s.input.text)).toEqual(["after the stop", "later still"]);
  });

  it("a stopped turn that ends with its process holds the queue for that end only", async () => {
    enqueue("held");
    service.holdOverStop(id);
    setStatus("exited");
    await settled();
    expect(sent).toEqual([]);
    // The next turn (the user's own message) ends: the queue goes on.
    setStatus("running");
    const next = nextSend();
    setStatus("ready");
    await next;
    expect(sent.map((s) => s.input.text)).toEqual(["held"]);
  });

  it("a refused stop leaves the turn's end to send the queue's head, and a stop with no turn running holds nothing", async () => {
    enqueue("goes");
    service.holdOverStop(id);
    service.stopRefused(id);
    const first = nextSend();
    setStatus("ready");
    await first;
    expect(sent.map((s) => s.input.text)).toEqual(["goes"]);

    setStatus("ready");
    await settled();
    service.holdOverStop(id);
    setStatus("running");
    enqueue("after an idle stop");
    const second = nextSend();
    setStatus("ready");
    await second;
    expect(sent.map((s) => s.input.text)).toEqual(["goes", "after an idle stop"]);
  });

  it("queues a retried command once and sends at once when no turn runs", async () => {
    enqueue("once", "same-command-id");
    enqueue("once", "same-command-id");
    expect(service.list(id).items).toHaveLength(1);
    service.cancel(id, service.list(id).items[0]!.id);
    setStatus("ready");
    await settled();
    const direct = nextSend();
    enqueue("now");
    await direct;
    expect(sent.map((s) => s.input.text)).toEqual(["now"]);
  });

  it("cancels a waiting message on request and says so when it is gone", () => {
    const queue = enqueue("cancel me");
    const item = queue.items[0];
    if (!item) throw new Error("not queued");
    expect(service.cancel(id, item.id).items).toEqual([]);
    expect(() => service.cancel(id, item.id)).toThrow(/no longer queued/);
  });

  it("takes a message back to edit it, with its text and images, and says so when it is gone", () => {
    const image = { mediaType: "image/png" as const, data: "iVBORw0KGgo=" };
    const queue = service.enqueue(id, { commandId: "cmd-edit-0001", text: "Fix the tset", images: [image], sendAfter: null });
    const item = queue.items[0];
    if (!item) throw new Error("not queued");
    published = [];
    expect(service.takeBack(id, item.id)).toEqual({ queue: { conversationId: id, items: [] }, message: { text: "Fix the tset", images: [image] } });
    expect(published.at(-1)?.items).toEqual([]);
    expect(() => service.takeBack(id, item.id)).toThrow(/no longer queued/);
  });

  it("keeps the queue across a restart of the service (it lives in SQLite)", () => {
    enqueue("kept");
    stop();
    build();
    expect(service.list(id).items.map((m) => m.text)).toEqual(["kept"]);
  });

  it("keeps a message that could not be sent, with the reason", async () => {
    enqueue("refused");
    failWith = "The cost budget is used up.";
    setStatus("ready");
    await settled();
    await settled();
    expect(service.list(id).items.map((m) => [m.text, m.state, m.error])).toEqual([["refused", "waiting", "The cost budget is used up."]]);
  });

  it("does not send a scheduled message before its time, then sends it on its own", async () => {
    setStatus("ready");
    await settled();
    const due = nextSend();
    enqueue("after the reset", "cmd-after-reset", Date.now() + 30);
    expect(sent).toEqual([]);
    await due;
    expect(sent.map((s) => s.input.text)).toEqual(["after the reset"]);
  });

  it("refuses Send now while a turn runs", async () => {
    const item = enqueue("wait")[`items`][0];
    if (!item) throw new Error("not queued");
    await expect(service.sendNow(id, item.id)).rejects.toThrow(/still working/);
  });

  it("refuses, before storing it, a message whose images the history could not take once the messages queued before it are sent", () => {
    const png = { mediaType: "image/png" as const, data: "iVBORw0KGgoAAAAA" };
    const images = (count: number) => Array.from({ length: count }, () => png);
    service.enqueue(id, { commandId: "cmd-sixty-images", text: "", images: images(60), sendAfter: null });

    expect(() => service.enqueue(id, { commandId: "cmd-fifty-images", text: "fifty more", images: images(50), sendAfter: null })).toThrow(
      "This conversation already carries 60 images (60 of them in messages queued before this one), and Claude Code sends them all again with every message: with 50 more,",
    );
    expect(service.list(id).items.map((m) => m.imageCount)).toEqual([60]);
    // The refused command id was not remembered: the same command with fewer images is queued.
    service.enqueue(id, { commandId: "cmd-fifty-images", text: "forty more", images: images(40), sendAfter: null });
    expect(service.list(id).items.map((m) => m.imageCount)).toEqual([60, 40]);
  });
});
