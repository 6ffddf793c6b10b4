// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { CommitBox } from "./commit-box.tsx";

const SESSION = "ses_commit0001" as SessionId;

beforeEach(() => localStorage.clear());
afterEach(async () => {
  cleanup();
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  vi.unstubAllGlobals();
});

describe("CommitBox", () => {
  it("the commit message survives leaving the Git tab, and goes once committed", async () => {
    const run = async <T,>(_label: string, action: () => Promise<T>): Promise<T | undefined> => action();
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ commit: { sha: "abc" } }), { status: 200, headers: { "content-type": "application/json" } })));
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

});
