// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, expect, it, vi } from "vitest";
import type { PullRequest, Session, SessionId } from "../../../../shared/index.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { pullRequestFixture } from "./pull-request-fixture.ts";
import { SessionPullRequest } from "./session-pull-request.tsx";

/*
 * After "Change it here only" the card showed the PR as if nothing differed: the user read a diff and "behind" against
 * one branch while GitHub merges into another.
 */
const session = { id: "ses_basenote00001" as SessionId, name: "login-fixes", branch: "login-fixes", baseBranch: "release" } as Session;
const pr = (fields: Partial<PullRequest> = {}) => pullRequestFixture({ sessionId: session.id, number: 7, headRef: "login-fixes", baseRef: "main", ...fields });

/** The server: GitHub `isConnected`, the card's reads answered with `current`, each base change recorded in `asked`. */
function server(current: PullRequest, isConnected: boolean) {
  const asked: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected, login: "me" } });
    if (path.endsWith("/base-branch")) {
      asked.push(JSON.parse(String(init?.body)));
      return jsonResponse({ session, pullRequest: { ...current, baseRef: "release", checkedAt: current.checkedAt + 1 } });
    }
    return jsonResponse({ pullRequest: current });
  }));
  return asked;
}

isolateDomTests();
beforeEach(() => usePullRequestStore.setState({ bySession: {} }));

it("says the PR merges into another base than the session compares against, and moves it onto the session's base with one tap", async () => {
  const asked = server(pr(), true);
  render(<SessionPullRequest session={session} />);
  const note = await screen.findByRole("note", { name: "Pull request base" });
  expect(note.textContent).toContain("This PR merges into main on GitHub; this session compares against release.");
  fireEvent.click(screen.getByRole("button", { name: "Move #7 onto release" }));
  expect((await screen.findByRole("status")).textContent).toBe("Pull request #7 now merges into release on GitHub.");
  // The same update a base change makes: the session's own base, not "here only".
  expect(asked).toEqual([{ baseBranch: "release" }]);
  expect(screen.queryByRole("note", { name: "Pull request base" })).toBeNull();
});

it("with GitHub disconnected, says how to move it: connect GitHub", async () => {
  server(pr(), false);
  render(<SessionPullRequest session={session} />);
  await vi.waitFor(() => expect(screen.getByRole("note", { name: "Pull request base" }).textContent).toContain("Connect GitHub to move #7 onto release."));
  expect(screen.queryByRole("button", { name: /^Move/ })).toBeNull();
  expect(screen.getByRole("link", { name: "Connect GitHub" }).getAttribute("href")).toBe("#/integrations");
  fireEvent.click(screen.getByRole("link", { name: "Connect GitHub" }));
  expect(useNavStore.getState().hash).toBe("#/integrations");
});

it("says nothing while they agree, and follows the PR as GitHub reads it again (its base changed on github.com, then back)", async () => {
  server(pr({ baseRef: "release" }), true);
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("button", { name: "Merge" });
  expect(screen.queryByRole("note", { name: "Pull request base" })).toBeNull();
  act(() => usePullRequestStore.getState().set(session.id, pr({ baseRef: "main", checkedAt: 2 })));
  expect(screen.getByRole("note", { name: "Pull request base" }).textContent).toContain("This PR merges into main on GitHub");
  act(() => usePullRequestStore.getState().set(session.id, pr({ baseRef: "release", checkedAt: 3 })));
  expect(screen.queryByRole("note", { name: "Pull request base" })).toBeNull();
  // A merged PR is history: what it merged into is not a disagreement to fix.
  act(() => usePullRequestStore.getState().set(session.id, pr({ baseRef: "main", state: "merged", checkedAt: 4 })));
  expect(screen.queryByRole("note", { name: "Pull request base" })).toBeNull();
});

/*
 * GitHub disconnected on another device after the card read the connection: the card's error line said "not
 * connected" and offered Connect GitHub under it, while the note went on offering a Move that could only fail again.
 */
it("once GitHub refuses the move as not connected, the note offers Connect GitHub instead of the move, and the card offers it once", async () => {
  const refusal = "GitHub is not connected, so pull request #7 cannot move onto release, and nothing changed.";
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    if (path.endsWith("/base-branch")) return jsonResponse({ error: { code: "bad_request", message: refusal } }, 400);
    return jsonResponse({ pullRequest: pr() });
  }));
  render(<SessionPullRequest session={session} />);
  fireEvent.click(await screen.findByRole("button", { name: "Move #7 onto release" }));
  await screen.findByText(refusal);
  expect(screen.getAllByRole("link", { name: "Connect GitHub" })).toHaveLength(1);
  expect(screen.getByRole("note", { name: "Pull request base" }).textContent).toContain("Connect GitHub to move #7 onto release.");
  expect(screen.queryByRole("button", { name: /^Move/ })).toBeNull();
});

it("with the bases agreeing, a Check GitHub refused as not connected offers Connect GitHub once, under the error", async () => {
  const refusal = "GitHub is not connected. Connect it under Integrations first.";
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: null });
    if (path.endsWith("/refresh")) return jsonResponse({ error: { code: "bad_request", message: refusal } }, 400);
    return jsonResponse({ pullRequest: pr({ baseRef: "release" }) });
  }));
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("button", { name: "Merge" });
  fireEvent.click(screen.getByRole("button", { name: "Check GitHub" }));
  await screen.findByText(refusal);
  expect(screen.getAllByRole("link", { name: "Connect GitHub" })).toHaveLength(1);
});
