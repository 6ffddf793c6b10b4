// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { CommitBox } from "./commit-box.tsx";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const SESSION = "ses_commit0001" as SessionId;

isolateDomTests();

describe("CommitBox", () => {
  it("the commit message survives leaving the Git tab, and goes once committed", async () => {
    const run = async <T,>(_label: string, action: () => Promise<T>): Promise<T | undefined> => action();
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ commit: { sha: "abc" } })));
    const box = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Commit message" });
    render(<CommitBox sessionId={SESSION} stagedCount={1} busy={null} run={run} />);
    fireEvent.change(box(), { target: { value: "Fix the login page\n\nThe form lost its error text." } });
    cleanup();
    render(<CommitBox sessionId={SESSION} stagedCount={1} busy={null} run={run} />);
    expect(box().value).toBe("Fix the login page\n\nThe form lost its error text.");
    fireEvent.click(screen.getByRole("button", { name: "Commit" }));
    await waitFor(() => expect(box().value).toBe(""));
    cleanup();
    render(<CommitBox sessionId={SESSION} stagedCount={1} busy={null} run={run} />);
    expect(box().value).toBe("");
  });

  it("says how many files are staged in words: one file, two files", () => {
    const run = async <T,>(_label: string, action: () => Promise<T>): Promise<T | undefined> => action();
    const placeholder = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Commit message" }).placeholder;
    render(<CommitBox sessionId={SESSION} stagedCount={1} busy={null} run={run} />);
    expect(placeholder()).toBe("Describe 1 staged file, or let Claude draft it");
    cleanup();
    render(<CommitBox sessionId={SESSION} stagedCount={2} busy={null} run={run} />);
    expect(placeholder()).toBe("Describe 2 staged files, or let Claude draft it");
    cleanup();
    // With nothing changed there is nothing to stage: it said "Stage files or hunks first" all the same.
    render(<CommitBox sessionId={SESSION} stagedCount={0} changedCount={0} busy={null} run={run} />);
    expect(placeholder()).toBe("No changes to commit");
    cleanup();
    render(<CommitBox sessionId={SESSION} stagedCount={0} changedCount={3} busy={null} run={run} />);
    expect(placeholder()).toBe("Stage files or hunks first");
  });

  it("warns before amending a commit that is already pushed, and not when it is not", () => {
    const run = async <T,>(_label: string, action: () => Promise<T>): Promise<T | undefined> => action();
    const note = () => screen.queryByTestId("amend-pushed-note")?.textContent ?? null;
    const view = render(<CommitBox sessionId={SESSION} stagedCount={1} pushedTo="origin/gadget" busy={null} run={run} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Commit message" }), { target: { value: "Reword it" } });
    expect(note()).toBeNull();
    fireEvent.click(screen.getByRole("checkbox", { name: "Amend last commit" }));
    expect(note()).toBe("The last commit is already on origin/gadget: once amended, only a force push replaces it there.");
    view.rerender(<CommitBox sessionId={SESSION} stagedCount={1} pushedTo={null} busy={null} run={run} />);
    expect(note()).toBeNull();
  });

  it("Commit is disabled with nothing staged, its reason its description; Amend with a message is not", () => {
    const run = async <T,>(_label: string, action: () => Promise<T>): Promise<T | undefined> => action();
    const view = render(<CommitBox sessionId={SESSION} stagedCount={0} busy={null} run={run} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Commit message" }), { target: { value: "Reword it" } });
    const button = (name: string) => screen.getByRole<HTMLButtonElement>("button", { name });
    const description = (element: HTMLElement) => document.getElementById(element.getAttribute("aria-describedby") ?? "")?.textContent ?? "";
    expect(button("Commit").disabled).toBe(true);
    expect(description(button("Commit"))).toBe("Nothing is staged: stage files or hunks (or Stage all) to commit them.");
    view.rerender(<CommitBox sessionId={SESSION} stagedCount={1} busy={null} run={run} />);
    expect(button("Commit").disabled).toBe(false);
    view.rerender(<CommitBox sessionId={SESSION} stagedCount={0} busy={null} run={run} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Amend last commit" }));
    expect(button("Amend").disabled).toBe(false);
  });

  it("Draft with Claude is disabled, with its reason, when nothing is changed; so is Commit", () => {
    const run = async <T,>(_label: string, action: () => Promise<T>): Promise<T | undefined> => action();
    const view = render(<CommitBox sessionId={SESSION} stagedCount={0} changedCount={0} busy={null} run={run} />);
    const button = (name: string) => screen.getByRole<HTMLButtonElement>("button", { name });
    const description = (element: HTMLElement) => document.getElementById(element.getAttribute("aria-describedby") ?? "")?.textContent ?? "";
    expect(button("Draft with Claude").disabled).toBe(true);
    expect(description(button("Draft with Claude"))).toBe("There are no changes for Claude to describe.");
    expect(description(button("Commit"))).toBe("There are no uncommitted changes to commit.");
    view.rerender(<CommitBox sessionId={SESSION} stagedCount={0} changedCount={1} busy={null} run={run} />);
    expect(button("Draft with Claude").disabled).toBe(false);
  });
});
