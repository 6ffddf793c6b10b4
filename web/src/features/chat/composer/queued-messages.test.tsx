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
