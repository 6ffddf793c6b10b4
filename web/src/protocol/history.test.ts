import { describe, expect, it } from "vitest";
import type { Message } from "../../../shared/index.ts";
import { applyEvent } from "./apply-event.ts";
import type { HistoryPage } from "../../../shared/index.ts";
import { prependPage, viewFromPage } from "./history.ts";
import { msgId, prtId, seqd } from "./test-fixtures.ts";

const message = (id: string, at: number): Message => ({ id: msgId(id), role: "assistant", parentToolUseId: null, model: null, createdAt: at, parts: [{ id: prtId(id), kind: "text", text: id }] });
const page = (over: Partial<HistoryPage>): HistoryPage => ({ messages: [], nextBeforePosition: null, markers: [], state: [], todoCalls: [], pendingPermissions: [], promptAt: null, lastSeq: 0, ...over });

describe("views from history pages", () => {
  it("interleaves messages and markers by time, takes state and resumes after lastSeq", () => {
    const turn = { seq: 7, at: 25, event: { type: "notice" as const, level: "info" as const, text: "between" } };
    const view = viewFromPage(page({
      messages: [message("a", 10), message("b", 30)],
      markers: [turn],
      state: [seqd(3, { type: "cli.status.changed", status: null, permissionMode: "plan" })],
      lastSeq: 9,
      nextBeforePosition: 4,
    }));
    expect(view.items.map((i) => (i.kind === "message" ? i.id : i.kind))).toEqual([msgId("a"), "notice", msgId("b")]);
    expect(view.permissionMode).toBe("plan");
    expect(view.lastSeq).toBe(9);
    expect(view.olderCursor).toBe(4);
    expect(applyEvent(view, seqd(9, { type: "notice", level: "info", text: "old" }))).toBe(view);
  });

  it("prepends an older page before what is loaded and moves the cursor", () => {
    const view = viewFromPage(page({ messages: [message("c", 50)], lastSeq: 5, nextBeforePosition: 2 }));
    const older = prependPage(view, page({ messages: [message("a", 10), message("b", 20)], nextBeforePosition: null }));
    expect(older.items.map((i) => (i.kind === "message" ? i.id : i.kind))).toEqual([msgId("a"), msgId("b"), msgId("c")]);
    expect(older.olderCursor).toBeNull();
    expect(older.lastSeq).toBe(5);
  });

  it("keeps the working timer of a turn that runs across a reload, from its prompt, even one pages older than the turn's newest messages", () => {
    const running = seqd(4, { type: "conversation.status.changed", status: "running", reason: null });
    // A long turn: the newest page holds only the model's messages; the server says when its prompt was made.
    expect(viewFromPage(page({ messages: [message("a", 600), message("b", 700)], state: [running], promptAt: 500, lastSeq: 4 })).turnStartedAt).toBe(500);
    const ready = seqd(4, { type: "conversation.status.changed", status: "ready", reason: null });
    expect(viewFromPage(page({ messages: [message("a", 600)], state: [ready], promptAt: 500, lastSeq: 4 })).turnStartedAt).toBeNull();
  });
});
