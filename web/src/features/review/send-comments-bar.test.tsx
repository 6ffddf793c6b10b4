// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SendCommentsBar } from "./send-comments-bar.tsx";

const base: ReviewComment = {
  id: "rvc_bar0000001", path: "src/app.ts", side: "new", startLine: 4, endLine: 4, body: "Off by one.", commitSha: null,
  anchorText: "x", isOutdated: false, isResolved: true, sentAt: 5, createdAt: 1, editedAt: null, replyTo: null,
};
const onDeletedFile: ReviewComment = { ...base, id: "rvc_bar0000002", path: "gone.ts", body: "Why delete this?", isResolved: false, isOutdated: true };

isolateDomTests();

describe("SendCommentsBar", () => {
  it("lists every comment, the resolved (to reopen) and one whose file is gone, even with nothing left to send", async () => {
    const requests: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => (requests.push(JSON.parse(String(init?.body))), jsonResponse({ comment: {} }))));
    render(<SendCommentsBar sessionId={"ses_bar0000001" as SessionId} comments={[base, onDeletedFile]} />);
    expect(screen.getByText("2 review comments")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Send/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "List all 2 comments" }));
    const list = screen.getByRole("list", { name: "All review comments" });
    expect(within(list).getByText("gone.ts")).toBeTruthy();
    expect(within(list).getByText("Why delete this?")).toBeTruthy();
    fireEvent.click(within(list).getByRole("button", { name: "Reopen" }));
    await vi.waitFor(() => expect(requests).toEqual([{ isResolved: false }]));
  });

  it("counts a thread's replies apart from the comments on the code", () => {
    const open = { ...base, isResolved: false, sentAt: null };
    const replies = [1, 2].map((n) => ({ ...open, id: `rvc_bar000001${n}`, body: `Reply ${n}`, replyTo: open.id }));
    render(<SendCommentsBar sessionId={"ses_bar0000001" as SessionId} comments={[open, ...replies]} />);
    expect(screen.getByText("1 unsent review comment and 2 replies")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send 1 comment and 2 replies to Claude" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "List all 1 comment and 2 replies" }));
    expect(within(screen.getByRole("list", { name: "All review comments" })).getAllByTestId("review-comment")).toHaveLength(1);
  });
});
