// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { ConversationId, PullRequest, Session, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { selectPullRequest, usePullRequestStore } from "../../stores/pull-request-store.ts";
import { pullRequestFixture } from "./pull-request-fixture.ts";
import { SessionPullRequest } from "./session-pull-request.tsx";

const session = { id: "ses_catchup0001" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;
const pr = (fields: Partial<PullRequest>) => pullRequestFixture({ sessionId: session.id, number: 7, headRef: "login-fixes", ...fields });

/** The server answers the card's reads with `current`, and each POST with `answers[path end]` (recorded in `asked`). */
function server(current: PullRequest, answers: Record<string, Response> = {}) {
  const asked: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    if (init?.method === "POST") asked.push(path.replace(/^.*\/pull-request/, ""));
    const answer = Object.entries(answers).find(([end]) => path.endsWith(end))?.[1];
    return answer ?? jsonResponse({ pullRequest: current });
  }));
  return asked;
}

isolateDomTests();

const conflicting = pr({ isMergeable: false, mergeableState: "dirty" });
const askedOf = (fields: Partial<PullRequest> = {}) => pr({ ...conflicting, mergeBaseAsk: { askedAt: 1, conversationId: "cnv_catchup0001" as ConversationId }, ...fields });

it("holds Merge back, saying why, while the PR conflicts, and offers to ask Claude to merge main (not Update branch, which GitHub refuses then)", async () => {
  const asked = server(conflicting, { "/send-to-claude": jsonResponse({ text: "…", pullRequest: askedOf() }) });
  render(<SessionPullRequest session={session} />);
  const merge = await screen.findByRole("button", { name: "Merge" });
  expect(merge).toHaveProperty("disabled", true);
  expect(merge.getAttribute("aria-describedby") && document.getElementById(merge.getAttribute("aria-describedby") as string)?.textContent).toBe(
    "Merge is off: login-fixes conflicts with main. Merge main into it first.",
  );
  expect(screen.queryByRole("button", { name: "Update branch" })).toBeNull();
  expect(screen.getByRole("button", { name: "Ask Claude to merge main" }).className).toContain("bg-accent");
  fireEvent.click(screen.getByRole("button", { name: "Ask Claude to merge main" }));
  expect((await screen.findByRole("status", { name: "Merge asked of Claude" })).textContent).toBe(
    "Claude was asked to merge main into login-fixes in the task conversation; this card reads GitHub again when that turn ends.",
  );
  expect(asked).toEqual(["/merge-base/send-to-claude"]);
  // Said once, and the ask is no longer the accent: nothing is, while Claude merges.
  expect(screen.getAllByRole("status").map((status) => status.textContent)).toHaveLength(1);
  expect(screen.queryByRole("button", { name: "Ask Claude to merge main" })).toBeNull();
  expect(screen.getByRole("button", { name: "Ask Claude again" }).className).not.toContain("bg-accent");
  expect(document.querySelector("section .bg-accent:not(:disabled)")).toBeNull();
});

it("shows an ask made on another device, and offers the ask as the accent again once that turn ended with the PR still conflicting, or when the ask fails", async () => {
  server(askedOf());
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("status", { name: "Merge asked of Claude" });
  expect(screen.getByRole("button", { name: "Ask Claude again" }).className).not.toContain("bg-accent");
  // The turn ended and GitHub was read again: still conflicting, the ask is back.
  act(() => usePullRequestStore.getState().set(session.id, conflicting));
  expect(screen.queryByRole("status", { name: "Merge asked of Claude" })).toBeNull();
  expect(screen.getByRole("button", { name: "Ask Claude to merge main" }).className).toContain("bg-accent");
  const refusal = { error: { code: "not_found", message: "This session has no task conversation to ask." } };
  server(conflicting, { "/send-to-claude": jsonResponse(refusal, 404) });
  fireEvent.click(screen.getByRole("button", { name: "Ask Claude to merge main" }));
  expect((await screen.findByRole("alert")).textContent).toBe(refusal.error.message);
  expect(screen.getByRole("button", { name: "Ask Claude to merge main" }).className).toContain("bg-accent");
});

it("says there are no checks once, in the badges (the list under them said it again)", async () => {
  server(conflicting);
  render(<SessionPullRequest session={session} />);
  await screen.findByTestId("pr-checks");
  expect(screen.getAllByText(/No checks/).map((node) => node.textContent)).toEqual(["No checks"]);
});

it("holds Merge back while GitHub checks mergeability, and gives it back once GitHub knows", async () => {
  server(pr({ isMergeable: null, mergeableState: "unknown" }));
  render(<SessionPullRequest session={session} />);
  const merge = await screen.findByRole("button", { name: "Merge" });
  expect(merge).toHaveProperty("disabled", true);
  expect(screen.getByText("Merge is off until GitHub has checked whether it can be merged (a few seconds).")).toBeTruthy();
  act(() => usePullRequestStore.getState().set(session.id, pr({ isMergeable: true, mergeableState: "clean" })));
  expect(screen.getByRole("button", { name: "Merge" })).toHaveProperty("disabled", false);
  expect(screen.queryByText(/Merge is off/)).toBeNull();
});

it("holds Merge back while the PR is behind a base whose protection wants it up to date (GitHub refuses the merge), and updates the branch on GitHub, showing the PR as GitHub answers it; a refusal says the way on", async () => {
  const behind = pr({ mergeableState: "behind" });
  const conflict = { error: { code: "conflict", message: "GitHub cannot update login-fixes with main: they conflict. Ask Claude to merge main (it resolves the conflicts and pushes), or merge it in a terminal." } };
  const asked = server(behind, { "/update-branch": jsonResponse(conflict, 409) });
  render(<SessionPullRequest session={session} />);
  const merge = await screen.findByRole("button", { name: "Merge" });
  expect(merge).toHaveProperty("disabled", true);
  expect(document.getElementById(merge.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Merge is off: main's protection wants login-fixes up to date with it. Update branch first.");
  fireEvent.click(screen.getByRole("button", { name: "Update branch" }));
  expect((await screen.findByRole("alert")).textContent).toBe(conflict.error.message);
  expect(asked).toEqual(["/update-branch"]);

  server(behind, { "/update-branch": jsonResponse({ pullRequest: pr({ headSha: "d".repeat(40), isMergeable: null, mergeableState: "unknown" }) }) });
  fireEvent.click(screen.getByRole("button", { name: "Update branch" }));
  expect((await screen.findByRole("status")).textContent).toBe("Merged main into login-fixes on GitHub.");
  expect(screen.queryByRole("alert")).toBeNull();
  expect(selectPullRequest(session.id)(usePullRequestStore.getState())?.headSha).toBe("d".repeat(40));
  expect(screen.getByRole("button", { name: "Merge" })).toHaveProperty("disabled", true);
});

it.each([
  [{ checkSummary: "none", reviewDecision: null }, "Merge is off: main's protection waits for required checks to report on login-fixes, or for an approving review."],
  [{ checkSummary: "pending", reviewDecision: null }, "Merge is off: main's protection wants its required checks to pass on login-fixes first."],
  [{ checkSummary: "passing", reviewDecision: "review_required" }, "Merge is off: main's protection wants an approving review first."],
  [{ checkSummary: "passing", reviewDecision: "approved" }, "Merge is off: main's branch protection blocks it. See the pull request on GitHub for the rule."],
] as const)("holds Merge back while GitHub blocks the PR (%o), saying why (it was live, and GitHub refused the tap)", async (fields, why) => {
  server(pr({ mergeableState: "blocked", ...fields }));
  render(<SessionPullRequest session={session} />);
  const merge = await screen.findByRole("button", { name: "Merge" });
  expect(merge).toHaveProperty("disabled", true);
  expect(document.getElementById(merge.getAttribute("aria-describedby") ?? "")?.textContent).toBe(why);
  act(() => usePullRequestStore.getState().set(session.id, pr({ mergeableState: "clean", checkSummary: "passing", reviewDecision: "approved" })));
  expect(screen.getByRole("button", { name: "Merge" })).toHaveProperty("disabled", false);
});
