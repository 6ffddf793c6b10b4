// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { CommentForm, type CommentTarget } from "./comment-form.tsx";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const SESSION = "ses_review0001" as SessionId;
const LINES_2_4: CommentTarget = { path: "src/app.ts", side: "new", scope: "base", startLine: 2, endLine: 4 };

const box = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Review comment" });
const renderForm = (target = LINES_2_4, onDone = () => {}) => render(<CommentForm sessionId={SESSION} target={target} draftKey={`${target.side}.${target.startLine}-${target.endLine}`} onDone={onDone} />);

isolateDomTests();

describe("CommentForm", () => {
  it("keeps the words when the form goes (scrolled out of the diff, another tab) and the same lines are picked again", () => {
    renderForm();
    fireEvent.change(box(), { target: { value: "This loop runs one time too many." } });
    cleanup();
    renderForm({ ...LINES_2_4, endLine: 5 });
    expect(box().value).toBe("");
    cleanup();
    renderForm();
    expect(box().value).toBe("This loop runs one time too many.");
  });

  it("forgets the words once the comment is added, or cancelled", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ comment: {} })));
    const onDone = vi.fn();
    renderForm(LINES_2_4, onDone);
    fireEvent.change(box(), { target: { value: "Off by one." } });
    fireEvent.click(screen.getByRole("button", { name: "Add comment" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    cleanup();
    renderForm(LINES_2_4, onDone);
    expect(box().value).toBe("");
    fireEvent.change(box(), { target: { value: "Never mind." } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    cleanup();
    renderForm(LINES_2_4, onDone);
    expect(box().value).toBe("");
  });
});
