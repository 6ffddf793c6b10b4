import { describe, expect, it } from "vitest";
import { assistant, setup, stream } from "./fixtures/translator-kit.ts";

const textDelta = (text: string, index = 0) => stream({ type: "content_block_delta", index, delta: { type: "text_delta", text } });

/* Durable checkpoints of a reply being streamed (ADR 0001: a periodic snapshot instead of stored deltas). */
describe("stream checkpoints", () => {
  function streaming() {
    const kit = setup();
    kit.run(stream({ type: "message_start", message: { id: "m1", model: "claude-x" } }));
    kit.run(stream({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }));
    kit.run(stream({ type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_1", name: "Bash", input: {} } }));
    return kit;
  }

  it("stores the text that grew since the last checkpoint, marked streaming, and only then (ADR 0041)", () => {
    const { run, translator } = streaming();
    expect(translator.hasInFlightText).toBe(true);
    expect(translator.checkpointInFlight()).toEqual([]);
    run(textDelta("Hel"));
    run(textDelta("lo"));
    const appended = { type: "message.part.appended", messageId: expect.any(String), partId: expect.any(String), kind: "text" };
    expect(translator.checkpointInFlight()).toEqual([{ ...appended, offset: 0, text: "Hello", streamState: "streaming" }]);
    expect(translator.checkpointInFlight()).toEqual([]);
    run(textDelta(" world"));
    expect(translator.checkpointInFlight()).toEqual([{ ...appended, offset: 5, text: " world", streamState: "streaming" }]);
  });

  it("the block's stop after a checkpoint stores the rest without a stream state", () => {
    const { run, translator } = streaming();
    run(textDelta("Hello"));
    translator.checkpointInFlight();
    run(textDelta(", you"));
    const [complete] = run(stream({ type: "content_block_stop", index: 0 }));
    expect(complete).toEqual({ type: "message.part.appended", messageId: expect.any(String), partId: expect.any(String), kind: "text", offset: 5, text: ", you" });
  });

  it("the assistant line after a checkpoint stores the rest, or the whole part when it differs from what was stored", () => {
    const first = streaming();
    first.run(textDelta("Hello"));
    first.translator.checkpointInFlight();
    expect(first.run(assistant("m1", { type: "text", text: "Hello there" }))).toMatchObject([{ type: "message.part.appended", offset: 5, text: " there" }]);
    const second = streaming();
    second.run(textDelta("Hello"));
    second.translator.checkpointInFlight();
    expect(second.run(assistant("m1", { type: "text", text: "Goodbye" }))).toMatchObject([{ type: "message.part.updated", part: { kind: "text", text: "Goodbye" } }]);
  });

  it("a part never checkpointed is stored whole when it ends", () => {
    const { run } = streaming();
    run(textDelta("Hello"));
    const [complete] = run(stream({ type: "content_block_stop", index: 0 }));
    expect(complete).toMatchObject({ type: "message.part.updated", part: { kind: "text", text: "Hello" } });
    expect(complete?.type === "message.part.updated" && "streamState" in complete.part).toBe(false);
  });

  it("keeps what was streamed when the process dies, marked interrupted", () => {
    const { run, translator } = streaming();
    run(textDelta("Half a rep"));
    const events = translator.translateExit({ code: null, signal: "SIGKILL", stderrTail: "" }, false, "killed by SIGKILL");
    expect(events[0]).toMatchObject({ type: "message.part.updated", part: { kind: "text", text: "Half a rep", streamState: "interrupted" } });
    expect(translator.hasInFlightText).toBe(false);
    const later = streaming();
    later.run(textDelta("Half"));
    later.translator.checkpointInFlight();
    later.run(textDelta(" a rep"));
    const cut = later.translator.translateExit({ code: null, signal: "SIGKILL", stderrTail: "" }, false, "killed by SIGKILL");
    expect(cut[0]).toMatchObject({ type: "message.part.appended", offset: 4, text: " a rep", streamState: "interrupted" });
  });
});

/* Issue 16: a CLI that writes a block's `assistant` line after its `content_block_stop` must not cost a second commit. */
describe("a block's text is committed once", () => {
  function streamed(text: string) {
    const kit = setup();
    kit.run(stream({ type: "message_start", message: { id: "m1", model: "claude-x" } }));
    kit.run(stream({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }));
    kit.run(textDelta(text));
    return kit;
  }
  const durable = (events: { type: string }[]) => events.filter((event) => event.type === "message.part.updated");

  it("the stop commits the text and a late assistant line with the same text adds nothing", () => {
    const { run } = streamed("The whole answer");
    expect(durable(run(stream({ type: "content_block_stop", index: 0 })))).toMatchObject([{ part: { kind: "text", text: "The whole answer" } }]);
    expect(run(assistant("m1", { type: "text", text: "The whole answer" }))).toEqual([]);
  });

  it("a late assistant line whose text differs from what streamed still replaces it", () => {
    const { run } = streamed("The whole ans");
    run(stream({ type: "content_block_stop", index: 0 }));
    expect(durable(run(assistant("m1", { type: "text", text: "The whole answer" })))).toMatchObject([{ part: { text: "The whole answer" } }]);
  });

  it("the usual order (assistant line first) commits once, at the assistant line", () => {
    const { run } = streamed("Hello");
    expect(durable(run(assistant("m1", { type: "text", text: "Hello" })))).toHaveLength(1);
    expect(durable(run(stream({ type: "content_block_stop", index: 0 })))).toEqual([]);
  });
});
