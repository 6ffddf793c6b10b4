// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConversationId, QueuedMessage } from "../../../../../shared/index.ts";
import { isolateDomTests } from "../../../test-support/dom-tests.ts";
import { QueuedMessages } from "./queued-messages.tsx";

isolateDomTests();

const REFUSED = "The turn budget of 4 model turns is used up (4 taken). Raise or clear the budget in Session controls to go on.";
const item = (over: Partial<QueuedMessage> = {}): QueuedMessage => ({
  id: "qmsg_1" as QueuedMessage["id"], text: "queued past the budget", imageCount: 0, createdAt: 1, sendAfter: null, state: "waiting", error: null, ...over,
});

describe("a queued message the server could not send", () => {
  it("says why in full, on a line of its own beside the message and its buttons", () => {
    render(<QueuedMessages id={"cnv_queue01" as ConversationId} queue={[item({ error: REFUSED })]} isBusy={false} onEdit={() => {}} />);
    const row = screen.getByTestId("queued-message");
    expect(row.textContent).toContain(`Not sent: ${REFUSED}`);
    expect(screen.getByText(`Not sent: ${REFUSED}`).tagName).toBe("P");
    expect(row.textContent).toContain("queued past the budget");
    for (const name of ["Send queued message 1 now", "Edit queued message 1", "Cancel queued message 1"]) expect(screen.getByRole("button", { name })).toBeTruthy();
  });
});

describe("queued messages no turn end will send", () => {
  const WHY = /last turn did not finish \(ChatML restarted, or Claude's process ended\), so these wait: send one now, or they go after your next message/;
  const queued = (queue: QueuedMessage[], hasNoProcess: boolean, isBusy = false) =>
    render(<QueuedMessages id={"cnv_queue01" as ConversationId} queue={queue} isBusy={isBusy} hasNoProcess={hasNoProcess} onEdit={() => {}} />);

  it("say why they wait, and offer Send now, when the turn they waited for ended without finishing", () => {
    queued([item({ text: "queued before the crash" })], true);
    expect(screen.getByText(WHY)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send queued message 1 now" })).toBeTruthy();
  });

  it("say nothing more while a process runs or a turn goes on (a finished turn sends them), or when each already says why", () => {
    const { unmount } = queued([item()], false);
    expect(screen.queryByText(WHY)).toBeNull();
    unmount();
    queued([item({ id: "qmsg_2" as QueuedMessage["id"] })], true, true);
    expect(screen.queryByText(WHY)).toBeNull();
  });

  it("leave a refused message's own reason and a scheduled message's countdown to say it", () => {
    queued([item({ error: REFUSED }), item({ id: "qmsg_3" as QueuedMessage["id"], sendAfter: 4_102_444_800_000 })], true);
    expect(screen.queryByText(WHY)).toBeNull();
  });
});
