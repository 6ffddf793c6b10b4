// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { CommentCard } from "./comment-card.tsx";
import { SendCommentsBar } from "./send-comments-bar.tsx";
import { useReviewComments } from "./use-review-comments.ts";

const SESSION = "ses_orphan0001" as SessionId;
const COMMENT: ReviewComment = {
  id: "rvc_orphan0001", path: "src/app.ts", side: "new", startLine: 4, endLine: 4, body: "Off by one.", commitSha: null,
  anchorText: "x", isOutdated: false, isResolved: false, sentAt: null, createdAt: 1, editedAt: null, replyTo: null,
};

/** The review bar and the comments' cards, as a diff shows them. */
function Review({ sessionId = SESSION }: { sessionId?: SessionId }) {
  const { comments, orphans, dismissOrphan } = useReviewComments(sessionId);
  return (
    <>
      <SendCommentsBar sessionId={sessionId} comments={comments} orphans={orphans} onOrphanDone={dismissOrphan} />
      {comments.map((c) => (c.replyTo === null ? <CommentCard key={c.id} sessionId={sessionId} comment={c} replies={comments.filter((r) => r.replyTo === c.id)} /> : null))}
    </>
  );
}

isolateDomTests();

describe("useReviewComments with the review bar", () => {
  it("says a comment being edited was deleted on another device, shows the words typed, and posts them as a new comment", async () => {
    let listed = [COMMENT];
    const posts: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === "POST") return (posts.push(JSON.parse(String(init.body))), jsonResponse({ comment: {} }, 201));
      return jsonResponse({ comments: listed });
    }));
    render(<Review />);
    fireEvent.click(await screen.findByRole("button", { name: "Edit comment on src/app.ts L4" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Edit comment on src/app.ts L4" }), { target: { value: "Off by two, in fact." } });
    // Another device deletes it: the server says the session's reviews changed, and the list comes back without it.
    listed = [];
    act(() => useWorkbenchStore.getState().bump(SESSION, "reviews"));
    const note = await screen.findByRole("alert");
    expect(note.textContent).toContain("The comment on src/app.ts L4 you were editing was deleted on another device");
    expect(within(note).getByText("Off by two, in fact.")).toBeTruthy();
    fireEvent.click(within(note).getByRole("button", { name: "Add as a new comment" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(posts).toEqual([{ path: "src/app.ts", side: "new", startLine: 4, endLine: 4, body: "Off by two, in fact." }]);
  });

  it("keeps a reply's words whose comment was deleted across a reload, until discarded", async () => {
    let listed = [COMMENT];
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ comments: listed })));
    const { unmount } = render(<Review />);
    fireEvent.click(await screen.findByRole("button", { name: "Reply to the comment on src/app.ts L4" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Reply to the comment on src/app.ts L4" }), { target: { value: "Agreed." } });
    unmount();
    // Deleted while this page was closed: the next page still shows the words.
    listed = [];
    render(<Review />);
    const note = await screen.findByRole("alert");
    expect(note.textContent).toContain("The comment you were replying to was deleted on another device");
    expect(within(note).getByText("Agreed.")).toBeTruthy();
    fireEvent.click(within(note).getByRole("button", { name: "Discard your words" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it("takes another session's edit in progress for its own only once that session's list has come", async () => {
    const other = "ses_orphan0002" as SessionId;
    const theirs = { ...COMMENT, id: "rvc_orphan0002", body: "Rename it." };
    localStorage.setItem(`chatml.review-comment-edit.${other}.${theirs.id}`, "Rename it to total.");
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      if (!String(url).includes(other)) return jsonResponse({ comments: [COMMENT] });
      await held;
      return jsonResponse({ comments: [theirs] });
    }));
    const { rerender } = render(<Review />);
    await screen.findByRole("button", { name: "Edit comment on src/app.ts L4" });
    rerender(<Review sessionId={other} />);
    await act(async () => release());
    const box = await screen.findByRole<HTMLTextAreaElement>("textbox", { name: "Edit comment on src/app.ts L4" });
    expect(box.value).toBe("Rename it to total.");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("review drafts an earlier ChatML kept without their session", () => {
  it("opens an edit stored under the old key on its comment, moved to the session's key", async () => {
    localStorage.setItem(`chatml.review-comment-edit.${COMMENT.id}`, "Off by two, written before the upgrade.");
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ comments: [COMMENT] })));
    render(<Review />);
    const box = await screen.findByRole<HTMLTextAreaElement>("textbox", { name: "Edit comment on src/app.ts L4" });
    expect(box.value).toBe("Off by two, written before the upgrade.");
    expect(localStorage.getItem(`chatml.review-comment-edit.${COMMENT.id}`)).toBeNull();
    expect(localStorage.getItem(`chatml.review-comment-edit.${SESSION}.${COMMENT.id}`)).toBe("Off by two, written before the upgrade.");
  });

  it("shows a reply whose comment is in no session it was opened in, until discarded", async () => {
    localStorage.setItem("chatml.review-reply.rvc_elsewhere01", "Agreed, from before.");
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ comments: [COMMENT] })));
    render(<Review />);
    const note = await screen.findByRole("alert");
    expect(note.textContent).toContain("A reply to a review comment, kept by an earlier ChatML, is for a comment not in this session");
    expect(within(note).getByText("Agreed, from before.")).toBeTruthy();
    expect(localStorage.getItem("chatml.review-reply.rvc_elsewhere01")).toBe("Agreed, from before.");
    fireEvent.click(within(note).getByRole("button", { name: "Discard your words" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(localStorage.getItem("chatml.review-reply.rvc_elsewhere01")).toBeNull();
  });
});
