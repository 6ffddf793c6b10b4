// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { useGitOperationsStore } from "../../stores/git-operations-store.ts";
import { CreatePullRequestForm } from "./create-pull-request-form.tsx";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const SESSION = "ses_prform0001" as SessionId;

isolateDomTests();

/**
 * `fetch` answering the form's request for its defaults as a branch of several commits does (the session's title, no
 * description), and every other request with `rest`.
 */
function fetchWithDefaults(rest: (url: string, init?: RequestInit) => Promise<Response>) {
  return vi.fn((url: string, init?: RequestInit) =>
    String(url).endsWith("/pull-request/defaults") ? Promise.resolve(jsonResponse({ defaults: { title: "Login fixes", body: "", base: "main" } })) : rest(url, init),
  );
}

describe("CreatePullRequestForm", () => {
  it("a pull request's title and description survive closing the form, and go once it is created", async () => {
    const session = { id: SESSION, title: "Login fixes", name: "login-fixes", baseBranch: "main" } as Session;
    const pullRequest = { number: 7, url: "http://github.test/o/r/pull/7", state: "open", isDraft: false, title: "Fix the login", headBranch: "login-fixes", baseBranch: "main", checks: [], reviews: [], mergeable: null };
    vi.stubGlobal("fetch", fetchWithDefaults(async () => jsonResponse({ pullRequest })));
    const onDone = vi.fn();
    const title = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Title" });
    const description = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Description" });
    render(<CreatePullRequestForm session={session} onDone={onDone} />);
    expect(title().value).toBe("Login fixes");
    fireEvent.change(title(), { target: { value: "Fix the login" } });
    fireEvent.change(description(), { target: { value: "## What\nThe form lost its error text." } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    cleanup();
    render(<CreatePullRequestForm session={session} onDone={onDone} />);
    expect(title().value).toBe("Fix the login");
    expect(description().value).toBe("## What\nThe form lost its error text.");
    fireEvent.click(screen.getByRole("button", { name: "Create pull request" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(2));
    cleanup();
    render(<CreatePullRequestForm session={session} onDone={onDone} />);
    expect(title().value).toBe("Login fixes");
    expect(description().value).toBe("");
  });

  it("starts from the branch's single commit (subject and body), as GitHub does, unless text was typed or kept", async () => {
    const session = { id: "ses_prform0006" as SessionId, title: "Login fixes", name: "login-fixes", baseBranch: "main" } as Session;
    let answer = (_: Response) => {};
    const asked: string[] = [];
    vi.stubGlobal("fetch", vi.fn((url: string) => (asked.push(String(url).replace(/^.*\/api/, "")), new Promise<Response>((resolve) => (answer = resolve)))));
    const title = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Title" });
    const description = () => screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Description" });
    const defaults = jsonResponse({ defaults: { title: "Fix the login redirect", body: "It looped on expired tokens.", base: "main" } });
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    expect(asked).toEqual([`/sessions/${session.id}/pull-request/defaults`]);
    await act(async () => answer(defaults.clone()));
    expect(title().value).toBe("Fix the login redirect");
    expect(description().value).toBe("It looped on expired tokens.");

    cleanup();
    localStorage.clear();
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    fireEvent.change(title(), { target: { value: "My own title" } });
    await act(async () => answer(defaults.clone()));
    expect(title().value).toBe("My own title");
    expect(description().value).toBe("It looped on expired tokens.");

    // A field the user is in (its text selected to type over) is not changed under the caret by defaults landing late.
    cleanup();
    localStorage.clear();
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    fireEvent.focus(description());
    await act(async () => answer(defaults.clone()));
    expect(description().value).toBe("");
    expect(title().value).toBe("Fix the login redirect");
  });

  it("keeps what was typed while Claude drafted (the draft replaced it) and fills the fields left alone", async () => {
    const session = { id: "ses_prform0002" as SessionId, title: "Login fixes", name: "login-fixes", baseBranch: "main" } as Session;
    let answer = (_: Response) => {};
    vi.stubGlobal("fetch", fetchWithDefaults(() => new Promise<Response>((resolve) => (answer = resolve))));
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Draft with Claude" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Title" }), { target: { value: "My own title" } });
    answer(jsonResponse({ draft: { title: "Claude's title", body: "Claude's description.", base: "develop" } }));
    await waitFor(() => expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Description" }).value).toBe("Claude's description."));
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Title" }).value).toBe("My own title");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Base branch" }).value).toBe("develop");
  });

  it("one Create pushes and opens the PR, showing the push's progress; a refused push is said and loses nothing typed", async () => {
    const session = { id: "ses_prform0003" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;
    let answer = (_: Response) => {};
    const asked: unknown[] = [];
    vi.stubGlobal("fetch", fetchWithDefaults((_url: string, init?: RequestInit) => (asked.push(JSON.parse(String(init?.body))), new Promise<Response>((resolve) => (answer = resolve)))));
    const onDone = vi.fn();
    render(<CreatePullRequestForm session={session} onDone={onDone} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Description" }), { target: { value: "Why it changed." } });
    fireEvent.click(screen.getByRole("button", { name: "Create pull request" }));
    expect((await screen.findByRole("status")).textContent).toBe("Creating the pull request…");
    const push = { id: "op1", sessionId: session.id, kind: "push", status: "running", stage: "writing", percent: 40, message: null, startedAt: 1, endedAt: null, failedAt: null } as const;
    act(() => useGitOperationsStore.getState().put(push));
    expect(screen.getByRole("status").textContent).toBe("Pushing login-fixes to GitHub\u00a0· writing 40%");
    expect(screen.queryByRole("button", { name: /Push and create/ })).toBeNull();
    const refusal = 'Pushing "login-fixes" failed, so no pull request was opened (your commits and this form are kept): Push rejected.';
    act(() => answer(jsonResponse({ error: { code: "conflict", message: refusal, details: { reason: "push_failed" } } }, 409)));
    expect((await screen.findByRole("alert")).textContent).toBe(refusal);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Description" }).value).toBe("Why it changed.");
    expect(onDone).not.toHaveBeenCalled();
    expect(asked).toEqual([expect.not.objectContaining({ isPushFirst: expect.anything() })]);
  });

  it("Create refused because GitHub's copy of the branch went another way offers to pull it in from the form, which keeps what was typed; then Create again", async () => {
    const session = { id: "ses_prform0004" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;
    const refusal = `GitHub's copy of "login-fixes" has 1 commit this session does not have (pushed from elsewhere), and this session has 1 it does not: they went different ways, so nothing was pushed and no pull request was opened (your commits and this form are kept). Pull the branch to merge GitHub's commits in, then create the pull request again; a force push would throw theirs away.`;
    const asked: { path: string; body: unknown }[] = [];
    vi.stubGlobal("fetch", fetchWithDefaults(async (url: string, init?: RequestInit) => {
      asked.push({ path: String(url).replace(/^.*\/api/, ""), body: JSON.parse(String(init?.body)) });
      if (String(url).endsWith("/git/integrate")) return jsonResponse({ result: { status: "done", headSha: "d".repeat(40) } });
      return jsonResponse({ error: { code: "conflict", message: refusal, details: { reason: "branch_diverged", branch: "login-fixes", theirs: 1, ours: 1 } } }, 409);
    }));
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Description" }), { target: { value: "Why it changed." } });
    fireEvent.click(screen.getByRole("button", { name: "Create pull request" }));
    expect((await screen.findByRole("alert")).textContent).toBe(refusal);
    fireEvent.click(screen.getByRole("button", { name: "Pull the branch" }));
    expect((await screen.findByRole("status")).textContent).toBe("Merged GitHub's login-fixes into this worktree: create the pull request again.");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("button", { name: "Pull the branch" })).toBeNull();
    expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Description" }).value).toBe("Why it changed.");
    expect(asked.map((a) => a.path)).toEqual([`/sessions/${session.id}/pull-request`, `/sessions/${session.id}/git/integrate`]);
    expect(asked[1]?.body).toEqual({ mode: "merge", from: "upstream" });
  });

  it("a refused push for another reason offers no pull", async () => {
    const session = { id: "ses_prform0005" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;
    vi.stubGlobal("fetch", fetchWithDefaults(async () => jsonResponse({ error: { code: "conflict", message: "Pushing failed: no route to host.", details: { reason: "push_failed" } } }, 409)));
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Create pull request" }));
    await screen.findByRole("alert");
    expect(screen.queryByRole("button", { name: "Pull the branch" })).toBeNull();
  });

  it("says why Create is off while the title is empty, tied to the button, and stops saying it once a title is typed", async () => {
    const session = { id: "ses_prform0009" as SessionId, title: "Login fixes", name: "login-fixes", baseBranch: "main" } as Session;
    vi.stubGlobal("fetch", fetchWithDefaults(async () => jsonResponse({})));
    render(<CreatePullRequestForm session={session} onDone={() => undefined} />);
    const title = screen.getByRole<HTMLInputElement>("textbox", { name: "Title" });
    const create = () => screen.getByRole<HTMLButtonElement>("button", { name: "Create pull request" });
    await waitFor(() => expect(title.value).toBe("Login fixes"));
    fireEvent.change(title, { target: { value: "   " } });
    expect(create().disabled).toBe(true);
    const reason = document.getElementById(create().getAttribute("aria-describedby") ?? "");
    expect(reason?.textContent).toBe("Write a title first, or let Claude draft it.");
    fireEvent.change(title, { target: { value: "Fix the login" } });
    expect(create().disabled).toBe(false);
    expect(create().getAttribute("aria-describedby")).toBeNull();
    expect(screen.queryByText("Write a title first, or let Claude draft it.")).toBeNull();
  });
});
