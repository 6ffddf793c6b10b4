import { describe, expect, it } from "vitest";
import type { MessageId } from "../../../../shared/index.ts";
import type { PromptState } from "../../protocol/conversation-view.ts";
import { promptStateText } from "./message-item.tsx";

const first = "msg_first" as MessageId;
const second = "msg_second" as MessageId;
type States = Partial<Record<MessageId, PromptState>>;

describe("promptStateText", () => {
  it("says a prompt is queued when another prompt's reply runs ahead of it", () => {
    const states: States = { [first]: { state: "started", hasStarted: true }, [second]: { state: "queued", hasStarted: false } };
    expect(promptStateText(states, second)).toBe("Queued in Claude Code: runs when the current reply ends");
  });

  it("says nothing of the 'queued' Claude Code reports for every prompt while nothing runs ahead of it", () => {
    expect(promptStateText({ [first]: { state: "queued", hasStarted: false } }, first)).toBeNull();
    // The reply ahead of it ended: it starts next, nothing to wait for.
    const afterEarlier: States = { [first]: { state: "completed", hasStarted: true }, [second]: { state: "queued", hasStarted: false } };
    expect(promptStateText(afterEarlier, second)).toBeNull();
  });

  it("says a cancelled prompt was cancelled, before or after Claude started on it", () => {
    expect(promptStateText({ [first]: { state: "cancelled", hasStarted: true } }, first)).toBe("Cancelled: interrupted before Claude finished");
    expect(promptStateText({ [first]: { state: "cancelled", hasStarted: false } }, first)).toBe("Cancelled before Claude started on it");
  });

  it("says nothing of the 'cancelled' Claude Code reports for a prompt whose turn ended in an error: nobody interrupted it", () => {
    expect(promptStateText({ [first]: { state: "cancelled", hasStarted: true } }, first, true)).toBeNull();
    expect(promptStateText({ [first]: { state: "cancelled", hasStarted: false } }, first, true)).toBeNull();
  });

  it("says nothing while a prompt runs or once it is answered, or without a state", () => {
    expect(promptStateText({ [first]: { state: "started", hasStarted: true } }, first)).toBeNull();
    expect(promptStateText({ [first]: { state: "completed", hasStarted: true } }, first)).toBeNull();
    expect(promptStateText(undefined, first)).toBeNull();
  });
});
