// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { PullRequest, Session, SessionId, WorktreeCatchUp } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { pullRequestFixture } from "./pull-request-fixture.ts";
import { SessionPullRequest } from "./session-pull-request.tsx";

const session = { id: "ses_worktree0001" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;
const head = "e".repeat(40);
const pr: PullRequest = pullRequestFixture({ sessionId: session.id, number: 7, headRef: "login-fixes", headSha: head });

/** The server answers the card's read with `pr` and `worktree`, and a pull with `pulled` (recorded in `asked`). */
function server(worktree: WorktreeCatchUp | null, pulled: Response = jsonResponse({ worktree: null })) {
  const asked: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    if (init?.method === "POST") asked.push(path.replace(/^.*\/pull-request/, ""));
    if (path.endsWith("/pull-branch")) return pulled;
    return jsonResponse({ pullRequest: pr, problem: null, worktree });
  }));
  return asked;
}

isolateDomTests();

it("says the worktree was fast-forwarded to the PR's new head, as read with the PR and as pushed live", async () => {
  const fastForwarded: WorktreeCatchUp = { status: "fastForwarded", headSha: head, message: "Brought this session's worktree up to login-fixes on GitHub (eeeeeee): Claude and the next push start from it." };
  server(fastForwarded);
  render(<SessionPullRequest session={session} />);
  expect((await screen.findByText(fastForwarded.message)).getAttribute("role")).toBe("status");
  expect(screen.queryByRole("button", { name: "Pull the branch" })).toBeNull();

  act(() => usePullRequestStore.getState().setWorktree(session.id, null));
  expect(screen.queryByText(fastForwarded.message)).toBeNull();
});

it("says why the worktree was left behind and pulls the branch on a tap; a refused pull says why and keeps the way on", async () => {
  const behind: WorktreeCatchUp = { status: "needsPull", headSha: head, message: "login-fixes on GitHub (eeeeeee) and this worktree each have commits the other lacks. Pull the branch to merge them, then push." };
  const refused = { error: { code: "conflict", message: "A push, pull, rebase or merge is already running for this session; wait for it or cancel it." } };
  const asked = server(behind, jsonResponse(refused, 409));
  render(<SessionPullRequest session={session} />);
  expect(await screen.findByText(behind.message)).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Pull the branch" }));
  expect((await screen.findByRole("alert")).textContent).toBe(refused.error.message);
  expect(screen.getByText(behind.message)).toBeTruthy();

  server(behind);
  fireEvent.click(screen.getByRole("button", { name: "Pull the branch" }));
  expect((await screen.findByRole("status")).textContent).toBe("Pulled login-fixes from GitHub into this worktree.");
  expect(screen.queryByText(behind.message)).toBeNull();
  expect(screen.queryByRole("alert")).toBeNull();
  expect(asked).toEqual(["/pull-branch"]);
});

it("says nothing of a worktree note about an older head than the PR's", async () => {
  server({ status: "needsPull", headSha: "f".repeat(40), message: "stale" });
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("button", { name: "Merge" });
  expect(screen.queryByText("stale")).toBeNull();
});
