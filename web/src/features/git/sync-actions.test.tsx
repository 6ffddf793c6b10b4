// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { GitOperation, GitState, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { NO_ORIGIN, SyncActions } from "./sync-actions.tsx";

isolateDomTests();

const diverged: GitState = {
  branch: "chatml/draco", headSha: "abc", headSubject: "Add the gadget", ahead: 1, behind: 0, files: [], checkedAt: 1, operation: null, conflicts: [], resolvedConflicts: [],
  upstream: { name: "origin/chatml/draco", ahead: 1, behind: 2 }, hasOrigin: true, mergedPullRequest: null,
};

it("says of a diverged branch that commits pushed from elsewhere are pulled, and only amended or rebased ones force pushed", () => {
  render(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={diverged} baseBranch="main" operation={null} busy={null} run={async () => undefined} failure={null} />);
  const notice = screen.getByTestId("force-push").textContent ?? "";
  expect(notice).toContain("have diverged (1 here, 2 there). If 2 commits were pushed there from elsewhere, pull first: “Pull 2 from origin/chatml/draco” puts yours on top.");
  expect(notice).toContain("If you amended or rebased commits you had pushed, a force push replaces origin/chatml/draco");
  expect(screen.getByRole("button", { name: "Pull 2 from origin/chatml/draco" })).toBeTruthy();
});

it("says a merge stopped on conflicts while it waits, and no longer once it is continued (or aborted)", () => {
  const stopped: GitOperation = { id: "gop_merge", sessionId: "ses_syncactions1" as SessionId, kind: "merge", status: "conflicts", stage: null, percent: null, message: null, startedAt: 1, endedAt: 2, failedAt: null };
  const waiting: GitState = { ...diverged, upstream: null, operation: "merge", conflicts: ["shared.txt"] };
  const { rerender } = render(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={waiting} baseBranch="main" operation={stopped} busy={null} run={async () => undefined} failure={null} />);
  expect(screen.getByText("Last merge: stopped on conflicts")).toBeTruthy();
  rerender(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={{ ...waiting, operation: null, conflicts: [] }} baseBranch="main" operation={stopped} busy={null} run={async () => undefined} failure={null} />);
  expect(screen.queryByText(/stopped on conflicts/)).toBeNull();
});

it("keeps Push off, saying why, in a repository without a remote named origin; with one, Push is the step to take", () => {
  const localOnly: GitState = { ...diverged, upstream: null, ahead: 1, hasOrigin: false };
  const { rerender } = render(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={localOnly} baseBranch="main" operation={null} busy={null} run={async () => undefined} failure={null} />);
  const push = screen.getByRole("button", { name: "Push (set upstream)" });
  expect((push as HTMLButtonElement).disabled).toBe(true);
  expect(push.className).not.toContain("bg-accent");
  expect(push.getAttribute("aria-describedby") && document.getElementById(push.getAttribute("aria-describedby")!)?.textContent).toBe(NO_ORIGIN);
  rerender(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={{ ...localOnly, hasOrigin: true }} baseBranch="main" operation={null} busy={null} run={async () => undefined} failure={null} />);
  expect((screen.getByRole("button", { name: "Push (set upstream)" }) as HTMLButtonElement).disabled).toBe(false);
  expect(screen.getByRole("button", { name: "Push (set upstream)" }).className).toContain("bg-accent");
  expect(screen.queryByText(NO_ORIGIN)).toBeNull();
});

// After a squash merge GitHub deleted the branch: Push (set upstream) was the panel's accent for commits already merged.
it("does not make Push the step to take for a branch whose merged PR took its commits; a commit made since makes it so again", () => {
  const merged: GitState = { ...diverged, upstream: null, ahead: 1, mergedPullRequest: { number: 12, baseRef: "main", unmergedCommits: 0 } };
  const { rerender } = render(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={merged} baseBranch="main" operation={null} busy={null} run={async () => undefined} failure={null} />);
  expect(screen.getByRole("button", { name: "Push (set upstream)" }).className).not.toContain("bg-accent");
  const since: GitState = { ...merged, ahead: 2, mergedPullRequest: { number: 12, baseRef: "main", unmergedCommits: 1 } };
  rerender(<SyncActions sessionId={"ses_syncactions1" as SessionId} git={since} baseBranch="main" operation={null} busy={null} run={async () => undefined} failure={null} />);
  expect(screen.getByRole("button", { name: "Push (set upstream)" }).className).toContain("bg-accent");
});
