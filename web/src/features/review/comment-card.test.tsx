// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ReviewComment, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { CommentCard } from "./comment-card.tsx";

const COMMENT: ReviewComment = {
  id: "rvc_card000001", path: "src/app.ts", side: "new", startLine: 4, endLine: 4, body: "Off by one.", commitSha: null,
  anchorText: "  return a - b;", isOutdated: false, isResolved: false, sentAt: 5, createdAt: 1, editedAt: null, replyTo: null,
};
const SESSION = "ses_card000001" as SessionId;
const box = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Edit comment on src/app.ts L4" });
const conflict = { error: { code: "conflict", message: "This comment was changed on another device while you edited it." } };

isolateDomTests();

describe("CommentCard", () => {
  it("edits the text, naming the text it started from, and shows the edited mark it comes back with", async () => {
    const requests: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => (requests.push(JSON.parse(String(init?.body))), jsonResponse({ comment: {} }))));
    const { rerender } = render(<CommentCard sessionId={SESSION} comment={COMMENT} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit comment on src/app.ts L4" }));
    expect(box().value).toBe("Off by one.");
    fireEvent.change(box(), { target: { value: "Off by one: the loop runs once too often." } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("textbox")).toBeNull());
    expect(requests).toEqual([{ body: "Off by one: the loop runs once too often.", previousBody: "Off by one." }]);
    rerender(<CommentCard sessionId={SESSION} comment={{ ...COMMENT, body: "Off by one: the loop runs once too often.", editedAt: 9, sentAt: null }} />);
    expect(screen.getByText("edited")).toBeTruthy();
    expect(screen.queryByText("sent to Claude")).toBeNull();
  });

  it("keeps the words when a save fails, across the card going away, and saves over a newer text only when asked again", async () => {
    const answers = [jsonResponse(conflict, 409), jsonResponse({ comment: {} })];
    const requests: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => (requests.push(JSON.parse(String(init?.body))), answers.shift())));
    const { rerender } = render(<CommentCard sessionId={SESSION} comment={COMMENT} />);
    fireEvent.click(screen.getByRole("button", { name: "Edit comment on src/app.ts L4" }));
    fireEvent.change(box(), { target: { value: "Mine." } });
    // Another device's edit arrives while this one is open: it is shown, and the words typed here stay.
    rerender(<CommentCard sessionId={SESSION} comment={{ ...COMMENT, body: "Theirs.", editedAt: 8 }} />);
    expect(screen.getByText(/it now says: Theirs\./)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/changed on another device while you edited it/)).toBeTruthy();
    expect(box().value).toBe("Mine.");
    // Scrolled away and back (the diff is virtualized): the edit is open again with its words.
    cleanup();
    render(<CommentCard sessionId={SESSION} comment={{ ...COMMENT, body: "Theirs.", editedAt: 8 }} />);
    expect(box().value).toBe("Mine.");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("textbox")).toBeNull());
    expect(requests).toEqual([{ body: "Mine.", previousBody: "Off by one." }, { body: "Mine.", previousBody: "Theirs." }]);
  });

  it("cuts a very long comment to a few lines until asked for all of it", () => {
    const body = "A long thought. ".repeat(100);
    render(<CommentCard sessionId={SESSION} comment={{ ...COMMENT, body }} />);
    const toggle = screen.getByRole("button", { name: "Show the whole comment" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByText(body.trim()).className).toContain("line-clamp-5");
    fireEvent.click(toggle);
    expect(screen.getByText(body.trim()).className).not.toContain("line-clamp-5");
    expect(screen.getByRole("button", { name: "Show less" })).toBeTruthy();
  });

  it("asks before deleting a comment, which is gone on every device (a slip beside Resolve on a phone loses nothing)", async () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => (calls.push(`${init?.method} ${url}`), jsonResponse({ ok: true }))));
    render(<CommentCard sessionId={SESSION} comment={COMMENT} />);
    fireEvent.click(screen.getByRole("button", { name: "Delete comment on src/app.ts L4" }));
    expect(calls).toEqual([]);
    // Each answer says which comment it is about, and the question takes the focus from the button it replaced.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Delete Yes: Delete comment on src/app.ts L4" }));
    fireEvent.click(screen.getByRole("button", { name: "Keep it — cancel: Delete comment on src/app.ts L4" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete comment on src/app.ts L4" }));
    fireEvent.click(within(screen.getByRole("group", { name: "Confirm: Delete comment on src/app.ts L4" })).getByRole("button", { name: "Delete Yes: Delete comment on src/app.ts L4" }));
    await waitFor(() => expect(calls).toEqual([expect.stringMatching(/^DELETE .*\/api\/reviews\/rvc_card000001$/)]));
  });

  it("answers a comment in its thread, shown under it, keeping the words through a failed save", async () => {
    const answers = [jsonResponse({ error: { code: "not_found", message: "No such review comment." } }, 404), jsonResponse({ comment: {} }, 201)];
    const calls: string[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => (calls.push(`${init?.method} ${url} ${String(init?.body)}`), answers.shift())));
    const reply: ReviewComment = { ...COMMENT, id: "rvc_card000002", body: "Agreed, see line 9 too.", replyTo: COMMENT.id };
    render(<CommentCard sessionId={SESSION} comment={COMMENT} replies={[reply]} />);
    const replies = screen.getByRole("list", { name: "Replies to the comment on src/app.ts L4" });
    expect(within(replies).getByText("Agreed, see line 9 too.")).toBeTruthy();
    expect(within(replies).queryByRole("button", { name: "Resolve" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Reply to the comment on src/app.ts L4" }));
    const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Reply to the comment on src/app.ts L4" });
    fireEvent.change(box, { target: { value: "Fixed both." } });
    fireEvent.click(screen.getByRole("button", { name: "Add reply" }));
    expect(await screen.findByText("No such review comment.")).toBeTruthy();
    expect(box.value).toBe("Fixed both.");
    fireEvent.click(screen.getByRole("button", { name: "Add reply" }));
    await waitFor(() => expect(screen.queryByRole("textbox")).toBeNull());
    expect(calls.at(-1)).toMatch(/^POST .*\/api\/reviews\/rvc_card000001\/replies \{"body":"Fixed both\."\}$/);
  });
});
