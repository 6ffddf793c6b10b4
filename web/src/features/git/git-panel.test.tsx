// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { syncPointOf, type GitOperation, type GitState, type Session, type SessionId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useGitOperationsStore } from "../../stores/git-operations-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { GitPanel } from "./git-panel.tsx";

const SESSION = "ses_gitpanel01" as SessionId;
const git = { branch: "fix", headSha: "a".repeat(40), headSubject: "first", ahead: 0, behind: 0, files: [], operation: null, conflicts: [], upstream: null, hasOrigin: true, mergedPullRequest: null, checkedAt: 1 };
const failedPush: GitOperation = { id: "gop_1", sessionId: SESSION, kind: "push", status: "failed", stage: null, percent: null, message: "This repository has no remote named origin.", startedAt: 1, endedAt: 2, failedAt: null };

isolateDomTests();

it("shows a failed push until it is dismissed, and not again when the panel opens later", async () => {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    if (String(url).includes("/git/changes")) return jsonResponse({ staged: [], unstaged: [] });
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
    return jsonResponse({ operation: failedPush });
  }));
  useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: null, git } as unknown as Session } });
  useGitOperationsStore.getState().put(failedPush);
  render(<GitPanel sessionId={SESSION} />);
  expect(screen.getByText("This repository has no remote named origin.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Dismiss: push failed" }));
  expect(screen.queryByText("This repository has no remote named origin.")).toBeNull();
  cleanup();
  render(<GitPanel sessionId={SESSION} />);
  await screen.findByText("No commits yet.");
  expect(screen.queryByText("This repository has no remote named origin.")).toBeNull();
});

it("puts a failed read of the changes in place of \"Reading changes…\", and reads again on Try again", async () => {
  let isDown = true;
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    if (String(url).includes("/git/changes")) return isDown ? jsonResponse({ error: { code: "internal", message: "The disk is full." } }, 500) : jsonResponse({ staged: [], unstaged: [{ path: "a.txt", status: "modified", additions: 1, deletions: 0 }] });
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
    return jsonResponse({ operation: null });
  }));
  useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: null, git } as unknown as Session } });
  render(<GitPanel sessionId={SESSION} />);
  await screen.findByText(/The disk is full/);
  expect(screen.queryByText("Reading changes…")).toBeNull();
  isDown = false;
  fireEvent.click(screen.getByRole("button", { name: "Try again: read the changes" }));
  await screen.findByText("a.txt");
  expect(screen.queryByText(/The disk is full/)).toBeNull();
});

it("shows a refused commit's error in the commit box, where the user is, not at the panel's top", async () => {
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).includes("/git/changes")) return jsonResponse({ staged: [{ path: "a.txt", status: "modified", additions: 1, deletions: 0 }], unstaged: [] });
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
    if (String(url).includes("/git/commit") && init?.method === "POST") return jsonResponse({ error: { code: "conflict", message: "Nothing was committed: the repository's pre-commit hook refused it." } }, 409);
    return jsonResponse({ operation: null });
  }));
  useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: null, git } as unknown as Session } });
  render(<GitPanel sessionId={SESSION} />);
  await screen.findByText("a.txt");
  fireEvent.change(screen.getByRole("textbox", { name: "Commit message" }), { target: { value: "Fix it" } });
  fireEvent.click(screen.getByRole("button", { name: "Commit" }));
  const error = await screen.findByText(/pre-commit hook refused it/);
  expect(screen.getByRole("region", { name: "Commit" }).contains(error)).toBe(true);
  expect(screen.getAllByText(/pre-commit hook refused it/)).toHaveLength(1);
  expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Commit message" }).value).toBe("Fix it");
});

it("says a commit made here until the branch moves off it, and not again when the branch goes back to where it was made (a reset in a terminal)", async () => {
  const committedSha = "c".repeat(40);
  // jsdom does not scroll; the result scrolls the panel to its top.
  Object.defineProperty(HTMLElement.prototype, "scrollTo", { value: () => undefined, configurable: true });
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).includes("/git/changes")) return jsonResponse({ staged: [{ path: "a.txt", status: "modified", additions: 1, deletions: 0 }], unstaged: [] });
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
    if (String(url).includes("/git/commit") && init?.method === "POST") return jsonResponse({ sha: committedSha });
    return jsonResponse({ operation: null });
  }));
  const showHead = (headSha: string) => act(() => useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: null, git: { ...git, headSha } } as unknown as Session } }));
  showHead(git.headSha);
  render(<GitPanel sessionId={SESSION} />);
  await screen.findByText("a.txt");
  fireEvent.change(screen.getByRole("textbox", { name: "Commit message" }), { target: { value: "Fix it" } });
  fireEvent.click(screen.getByRole("button", { name: "Commit" }));
  // Said at once, while the branch is still read at the head it was made on.
  expect((await screen.findByTestId("commit-result")).textContent).toContain("Committed ccccccc “Fix it”");
  showHead(committedSha);
  expect(screen.getByTestId("commit-result")).toBeTruthy();
  showHead(git.headSha);
  expect(screen.queryByTestId("commit-result")).toBeNull();
});

describe("a rejected push stays beside the sync buttons while it applies, and goes once the branch moves on", () => {
  const REJECTED = "Push rejected: origin/fix has 1 commit this branch does not have (pushed from elsewhere). Pull from origin/fix to bring it in, then push again.";
  const ahead: GitState = { ...git, upstream: { name: "origin/fix", ahead: 1, behind: 0 }, resolvedConflicts: [] };
  const fetched: GitState = { ...ahead, upstream: { name: "origin/fix", ahead: 1, behind: 1 } };
  const rejectedPush: GitOperation = { ...failedPush, id: "gop_2", message: REJECTED, failedAt: syncPointOf(fetched) };
  const showSession = (state: GitState) => useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: null, git: state } as unknown as Session } });
  const pulledAndPushed: GitState = { ...ahead, headSha: "b".repeat(40), upstream: { name: "origin/fix", ahead: 0, behind: 0 } };
  // jsdom lays nothing out and has no scrollIntoView: the spy records which element the panel brings into view.
  const scrolledInto = vi.fn<(this: Element) => void>();
  beforeEach(() => {
    scrolledInto.mockClear();
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolledInto.call(this);
    };
  });

  function serve(): void {
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (String(url).includes("/git/changes")) return jsonResponse({ staged: [], unstaged: [] });
      if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
      if (String(url).includes("/git/push") && init?.method === "POST") {
        // The server ends the operation as failed, re-reads git (the push fetched: 1 to pull), and pins the failure there.
        useGitOperationsStore.getState().put({ ...rejectedPush, failedAt: null });
        showSession(fetched);
        useGitOperationsStore.getState().put(rejectedPush);
        return jsonResponse({ error: { code: "conflict", message: REJECTED } }, 409);
      }
      return jsonResponse({ operation: null });
    }));
  }

  it("on the device that pushed: once, under Push, until a pull and push (in a terminal) move the branch", async () => {
    serve();
    showSession(ahead);
    render(<GitPanel sessionId={SESSION} />);
    await screen.findByText("No commits yet.");
    fireEvent.click(screen.getByRole("button", { name: "Push 1" }));
    const error = await screen.findByText(REJECTED);
    expect(screen.getByRole("region", { name: "Sync" }).contains(error)).toBe(true);
    expect(screen.getAllByText(REJECTED)).toHaveLength(1);
    // On a phone the note under the buttons was off screen: the answer to the tap is brought into view.
    await vi.waitFor(() => expect(scrolledInto.mock.contexts.some((element) => element.contains(error))).toBe(true));
    act(() => showSession(pulledAndPushed));
    expect(screen.queryByText(REJECTED)).toBeNull();
  });

  it("on another device: shown with Dismiss while it applies, gone once the branch moves on", async () => {
    serve();
    showSession(fetched);
    useGitOperationsStore.getState().put(rejectedPush);
    render(<GitPanel sessionId={SESSION} />);
    await screen.findByText("No commits yet.");
    expect(screen.getByRole("region", { name: "Sync" }).textContent).toContain(REJECTED);
    expect(screen.getByRole("button", { name: "Dismiss: push failed" })).toBeTruthy();
    // Opening the panel does not jump to a failure this device did not cause.
    expect(scrolledInto).not.toHaveBeenCalled();
    act(() => showSession(pulledAndPushed));
    expect(screen.queryByText(REJECTED)).toBeNull();
  });
});

describe("the push is the panel's accent only when there is something to push", () => {
  const pushClass = async (state: GitState) => {
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      if (String(url).includes("/git/changes")) return jsonResponse({ staged: [], unstaged: [] });
      if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
      return jsonResponse({ operation: null });
    }));
    useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: "main", git: state } as unknown as Session } });
    render(<GitPanel sessionId={SESSION} />);
    await screen.findByText("No commits yet.");
    return screen.getByRole("button", { name: /^Push/ }).className;
  };

  it("a new session's branch with no commit of its own: Push (set upstream) is offered, not as the accent", async () => {
    expect(await pushClass({ ...git, ahead: 0, upstream: null, resolvedConflicts: [] } as GitState)).not.toContain("bg-accent");
  });

  it("a branch with commits never pushed, or ahead of its upstream: the accent", async () => {
    expect(await pushClass({ ...git, ahead: 2, upstream: null, resolvedConflicts: [] } as GitState)).toContain("bg-accent");
    cleanup();
    expect(await pushClass({ ...git, ahead: 2, upstream: { name: "origin/fix", ahead: 1, behind: 0 }, resolvedConflicts: [] } as GitState)).toContain("bg-accent");
    cleanup();
    expect(await pushClass({ ...git, ahead: 2, upstream: { name: "origin/fix", ahead: 0, behind: 0 }, resolvedConflicts: [] } as GitState)).not.toContain("bg-accent");
  });
});

it("says the session's merged PR holds the branch's work, which git still counts ahead after a squash merge", async () => {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    if (String(url).includes("/git/changes")) return jsonResponse({ staged: [], unstaged: [] });
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
    return jsonResponse({ operation: null });
  }));
  const merged = { ...git, ahead: 1, behind: 1, resolvedConflicts: [], mergedPullRequest: { number: 12, baseRef: "main", unmergedCommits: 0 } };
  useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: "main", git: merged } as unknown as Session } });
  render(<GitPanel sessionId={SESSION} />);
  await screen.findByText("No commits yet.");
  expect(screen.getByTestId("git-merged").textContent).toBe("Pull request #12 is merged into main with this branch's work: git counts it ahead because a squash or rebase merge makes new commits.");
  act(() => useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: "main", git: { ...merged, ahead: 2, mergedPullRequest: { ...merged.mergedPullRequest, unmergedCommits: 1 } } } as unknown as Session } }));
  expect(screen.getByTestId("git-merged").textContent).toBe("Pull request #12 is merged into main; 1 commit here is not in it.");
});

it("a merge's continue running on another device (its hooks) holds Continue and Abort back and offers Stop commit; its failure shows in no sync note", async () => {
  const merging = { ...git, operation: "merge", conflicts: [], resolvedConflicts: ["a.txt"] };
  const running: GitOperation = { id: "gop_continue", sessionId: SESSION, kind: "commit", status: "running", stage: null, percent: null, message: null, startedAt: 1_000_000, endedAt: null, failedAt: null };
  const calls: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === "POST") calls.push(String(url));
    if (String(url).includes("/git/changes")) return jsonResponse({ staged: [{ path: "a.txt", status: "modified", additions: 1, deletions: 0 }], unstaged: [] });
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [], hasMore: false });
    if (String(url).includes("/git/cancel")) return jsonResponse({ isCancelled: true });
    return jsonResponse({ operation: running });
  }));
  useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, name: "fix", branch: "fix", baseBranch: null, git: merging } as unknown as Session } });
  useGitOperationsStore.getState().put(running);
  render(<GitPanel sessionId={SESSION} />);
  await screen.findByText("a.txt", { selector: "code" });
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Continue merge" }).disabled).toBe(true);
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Abort merge" }).disabled).toBe(true);
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Committing…" }).disabled).toBe(true);
  fireEvent.click(screen.getByRole("button", { name: "Stop commit" }));
  await vi.waitFor(() => expect(calls.some((url) => url.endsWith("/git/cancel"))).toBe(true));
  act(() => useGitOperationsStore.getState().put({ ...running, status: "failed", message: "Nothing was committed: the repository's commit-msg hook refused it.", endedAt: 1_000_001 }));
  expect(screen.queryByRole("status", { name: "Commit running" })).toBeNull();
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Continue merge" }).disabled).toBe(false);
  expect(screen.queryByText(/commit-msg hook refused it/)).toBeNull();
});
