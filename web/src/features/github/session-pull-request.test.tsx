// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { GithubRemote, PullRequest, Session, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { pullRequestFixture } from "./pull-request-fixture.ts";
import { SessionPullRequest } from "./session-pull-request.tsx";

const session = { id: "ses_prcard0001" as SessionId, title: "Login fixes", name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;

/** The server: GitHub connected or not; the session's pull request (none yet unless given); the create form's defaults. */
function server(isConnected: boolean, pullRequest: PullRequest | null = null) {
  const answer = (url: string) =>
    url.endsWith("/integrations/github") ? { connection: isConnected ? { isConnected: true, login: "me" } : null }
    : url.endsWith("/pull-request/defaults") ? { defaults: { title: "Login fixes", body: "", base: "main" } }
    : { pullRequest };
  vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(answer(String(url)))));
}

const closedPr = pullRequestFixture({ sessionId: session.id, number: 7, title: "Login fixes", state: "closed", headRef: "login-fixes" });

isolateDomTests();
// Each test's card starts from what its own server answers, not from the PR an earlier test's card was told of.
beforeEach(() => usePullRequestStore.setState({ bySession: {} }));

it("offers to connect GitHub, not a pull request form that can only fail, while GitHub is not connected", async () => {
  server(false);
  render(<SessionPullRequest session={session} />);
  await screen.findByText("Connect GitHub to open a pull request for login-fixes from here.");
  expect(screen.getByRole("link", { name: "Connect GitHub" }).getAttribute("href")).toBe("#/integrations");
  expect(screen.queryByRole("button", { name: "Create pull request" })).toBeNull();
});

it("offers to create one once GitHub is connected", async () => {
  server(true);
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("button", { name: "Create pull request" });
  expect(screen.queryByRole("link", { name: "Connect GitHub" })).toBeNull();
});

it("offers a new pull request once the session's was closed without merging (it offered nothing: the branch could not go up again)", async () => {
  server(true, closedPr);
  render(<SessionPullRequest session={session} />);
  await screen.findByText("#7 was closed without merging.");
  fireEvent.click(screen.getByRole("button", { name: "Create a new pull request" }));
  expect(screen.getByRole("form", { name: "Create pull request" })).toBeTruthy();
  expect(screen.getByLabelText("Title")).toHaveProperty("value", "Login fixes");
});

it("shows one error, the newest, under the PR's actions, and clears it once the action that failed succeeds (a merge error and a Check GitHub error piled up)", async () => {
  const openPr = pullRequestFixture({ sessionId: session.id, number: 7, title: "Login fixes", headRef: "login-fixes" });
  const answers: Record<string, Response[]> = {
    merge: [jsonResponse({ error: { code: "conflict", message: "GitHub refused: At least 1 approving review is required." } }, 409)],
    refresh: [jsonResponse({ error: { code: "upstream_unavailable", message: "GitHub failed (503): Server Error" } }, 502), jsonResponse({ pullRequest: openPr })],
  };
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    const action = path.endsWith("/merge") ? "merge" : path.endsWith("/refresh") ? "refresh" : null;
    return (action && answers[action]?.shift()) ?? jsonResponse({ pullRequest: openPr });
  }));
  render(<SessionPullRequest session={session} />);
  fireEvent.click(await screen.findByRole("button", { name: "Merge" }));
  expect((await screen.findByRole("alert")).textContent).toMatch(/approving review is required/);
  fireEvent.click(screen.getByRole("button", { name: "Check GitHub" }));
  await screen.findByText("GitHub failed (503): Server Error");
  expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual(["GitHub failed (503): Server Error"]);
  // It sits right under the actions, not below the checks and comments.
  expect(screen.getByRole("alert").previousElementSibling?.textContent).toContain("Close pull request");
  fireEvent.click(screen.getByRole("button", { name: "Check GitHub" }));
  await vi.waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
});

it("edits the description as it is now (changed on another device since), and keeps what was typed when the save is refused", async () => {
  const openPr = pullRequestFixture({ sessionId: session.id, number: 7, title: "Login fixes", headRef: "login-fixes", body: "First words." });
  const saved: unknown[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    if (init?.method === "PATCH") {
      saved.push(JSON.parse(String(init.body)));
      return jsonResponse({ error: { code: "upstream_unavailable", message: "GitHub failed (502): Bad Gateway" } }, 502);
    }
    return jsonResponse({ pullRequest: openPr });
  }));
  render(<SessionPullRequest session={session} />);
  await screen.findByRole("button", { name: "Merge" });
  // Another device saved a new description; the card heard of it.
  act(() => usePullRequestStore.getState().set(session.id, { ...openPr, body: "Newer words from the phone." }));
  fireEvent.click(screen.getByRole("button", { name: "Edit description" }));
  expect(screen.getByLabelText("Description")).toHaveProperty("value", "Newer words from the phone.");
  fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Newer words from the phone. And mine." } });
  fireEvent.click(screen.getByRole("button", { name: "Save description" }));
  await screen.findByText("GitHub failed (502): Bad Gateway");
  expect(saved).toEqual([{ body: "Newer words from the phone. And mine." }]);
  expect(screen.getByLabelText("Description")).toHaveProperty("value", "Newer words from the phone. And mine.");
});

it("says on the card what polling could not read (the token cannot see the repository; it was only logged), and takes it back once GitHub reads", async () => {
  const problem = "GitHub shows the connected token no repository acme/secret. Give the token access to acme/secret, or connect another token under Integrations, then try again.";
  vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).endsWith("/integrations/github") ? { connection: { isConnected: true, login: "me" } } : { pullRequest: null, problem })));
  render(<SessionPullRequest session={session} />);
  expect(await screen.findByText(problem)).toBeTruthy();
  expect(screen.getByRole("link", { name: "Open Integrations" }).getAttribute("href")).toBe("#/integrations");
  // The socket says it reads again.
  act(() => usePullRequestStore.getState().setProblem(session.id, null));
  expect(screen.queryByText(problem)).toBeNull();
  expect(screen.queryByRole("link", { name: "Open Integrations" })).toBeNull();
});

it("keeps the PR Create opened when the read made as the push set the branch's upstream answers after it (it said none, and the card offered Create again for good)", async () => {
  const opened = pullRequestFixture({ sessionId: session.id, number: 8, title: "Login fixes", headRef: "login-fixes" });
  const noPr = { pullRequest: null, problem: null, worktree: null, remote: { kind: "github", repo: "acme/widgets" } };
  let answerLateRead = (_: Response) => {};
  const lateRead = new Promise<Response>((resolve) => (answerLateRead = resolve));
  let reads = 0;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    if (path.endsWith("/pull-request/defaults")) return jsonResponse({ defaults: { title: "Login fixes", body: "", base: "main" } });
    if (init?.method === "POST") return jsonResponse({ pullRequest: opened }, 201);
    return ++reads === 1 ? jsonResponse(noPr) : lateRead;
  }));
  const card = render(<SessionPullRequest session={session} />);
  fireEvent.click(await screen.findByRole("button", { name: "Create pull request" }));
  // Create pushes before it opens the PR: the session's upstream appears, and the card reads its PR again.
  const git = { branch: "login-fixes", headSha: "abc", ahead: 1, behind: 0, files: [], fileCount: 0, checkedAt: 0, upstream: { name: "origin/login-fixes", ahead: 0, behind: 0 } };
  card.rerender(<SessionPullRequest session={{ ...session, git } as unknown as Session} />);
  await vi.waitFor(() => expect(reads).toBe(2));
  fireEvent.click(screen.getByRole("button", { name: "Create pull request" }));
  await screen.findByText("Pull request #8");
  // That read was answered by the server before Create stored the PR, and reaches the page after it.
  await act(async () => answerLateRead(jsonResponse(noPr)));
  expect(screen.getByText("Pull request #8")).toBeTruthy();
  expect(screen.queryByText("No pull request for login-fixes yet.")).toBeNull();
});

describe("a repository whose origin is not on GitHub", () => {
  /** GitHub connected or not; no pull request; the repository's origin as `remote`. */
  const remoteServer = (isConnected: boolean, remote: GithubRemote) =>
    vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).endsWith("/integrations/github") ? { connection: { isConnected, login: "me" } } : { pullRequest: null, problem: null, worktree: null, remote })));

  it.each([true, false])("with no remote, says so and how to add one, offering nothing that cannot work (GitHub connected: %s)", async (isConnected) => {
    remoteServer(isConnected, { kind: "none" });
    render(<SessionPullRequest session={session} />);
    const note = await screen.findByRole("note", { name: "No GitHub remote" });
    expect(note.textContent).toContain("This repository has no remote, so there is no GitHub repository to open a pull request for login-fixes in.");
    expect(note.textContent).toContain("git remote add origin https://github.com/owner/repo.git");
    await act(async () => undefined);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByText(/Connect GitHub/)).toBeNull();
  });

  it("with origin on another host, names it and points to pushing there; only while GitHub is not connected may it be an Enterprise server to connect", async () => {
    remoteServer(true, { kind: "other", url: "git@gitlab.example.com:acme/widgets.git", host: "github.com" });
    const card = render(<SessionPullRequest session={session} />);
    const note = await screen.findByRole("note", { name: "No GitHub remote" });
    expect(note.textContent).toBe(
      "This repository's origin (git@gitlab.example.com:acme/widgets.git) is not on github.com, so ChatML cannot open a pull request for login-fixes there. Push the branch from the Git panel to open a review where that remote lives.",
    );
    await act(async () => undefined);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("link")).toBeNull();
    card.unmount();
    remoteServer(false, { kind: "other", url: "https://ghe.corp.example/acme/widgets.git", host: "github.com" });
    render(<SessionPullRequest session={session} />);
    expect((await screen.findByRole("link", { name: "Connect GitHub Enterprise" })).getAttribute("href")).toBe("#/integrations");
    expect(screen.getByRole("note", { name: "No GitHub remote" }).textContent).toContain("If it is a GitHub Enterprise server, connect it to open pull requests from here;");
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getAllByRole("link").map((a) => a.textContent)).toEqual(["Connect GitHub Enterprise"]);
  });

  it("offers nothing until the pull request read says where origin points (Connect GitHub flashed on a repository with no remote)", async () => {
    let answerRead = (_: Response) => {};
    const read = new Promise<Response>((resolve) => (answerRead = resolve));
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (String(url).endsWith("/integrations/github") ? jsonResponse({ connection: null }) : read)));
    render(<SessionPullRequest session={session} />);
    await screen.findByText("Reading the pull request for login-fixes…");
    await act(async () => undefined); // the connection read (not connected) has answered; the PR read has not
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("link")).toBeNull();
    answerRead(jsonResponse({ pullRequest: null, problem: null, worktree: null, remote: { kind: "none" } }));
    await screen.findByRole("note", { name: "No GitHub remote" });
    expect(screen.queryByText(/Reading the pull request/)).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("offers what it can once a failed read comes back, with why", async () => {
    vi.stubGlobal("fetch", vi.fn(async (url: string) => (String(url).endsWith("/integrations/github") ? jsonResponse({ connection: null }) : jsonResponse({ error: { code: "internal", message: "The database is locked." } }, 500))));
    render(<SessionPullRequest session={session} />);
    expect((await screen.findByRole("link", { name: "Connect GitHub" })).getAttribute("href")).toBe("#/integrations");
    expect(screen.queryByText(/Reading the pull request/)).toBeNull();
    expect(await screen.findByText(/The database is locked\./)).toBeTruthy();
  });

  it("offers Create pull request as before once origin is on GitHub", async () => {
    remoteServer(true, { kind: "github", repo: "acme/widgets" });
    render(<SessionPullRequest session={session} />);
    await screen.findByRole("button", { name: "Create pull request" });
    expect(screen.queryByRole("note", { name: "No GitHub remote" })).toBeNull();
  });
});

it("says beside Merge what of the session's work a merge on GitHub leaves out: commits not pushed, files not committed", async () => {
  const openPr = pullRequestFixture({ sessionId: session.id, number: 7, title: "Login fixes", headRef: "login-fixes" });
  server(true, openPr);
  const git = { branch: "login-fixes", headSha: "abc", ahead: 2, behind: 0, files: [], fileCount: 3, checkedAt: 0, upstream: { name: "origin/login-fixes", ahead: 1, behind: 0 } };
  render(<SessionPullRequest session={{ ...session, git } as unknown as Session} />);
  await screen.findByRole("button", { name: "Merge" });
  expect(screen.getByTestId("merge-leaves-out").textContent).toBe("Merge takes the pull request as it is on GitHub: 1 commit here is not pushed, and 3 changed files are not committed.");
});

it("moves focus into the form as it opens, and back to Create pull request on Cancel (it fell to the page both times)", async () => {
  server(true);
  render(<SessionPullRequest session={session} />);
  const create = await screen.findByRole("button", { name: "Create pull request" });
  create.focus();
  fireEvent.click(create);
  expect(document.activeElement).toBe(screen.getByRole("form", { name: "Create pull request" }));
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Create pull request" }));
});

it("moves focus to the card once the pull request is made (the form went, and focus with it)", async () => {
  const made = pullRequestFixture({ sessionId: session.id, number: 8, title: "Login fixes", headRef: "login-fixes" });
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const path = String(url);
    if (path.endsWith("/integrations/github")) return jsonResponse({ connection: { isConnected: true, login: "me" } });
    if (path.endsWith("/pull-request/defaults")) return jsonResponse({ defaults: { title: "Login fixes", body: "", base: "main" } });
    return jsonResponse({ pullRequest: init?.method === "POST" ? made : null });
  }));
  render(<SessionPullRequest session={session} />);
  fireEvent.click(await screen.findByRole("button", { name: "Create pull request" }));
  fireEvent.submit(screen.getByRole("form", { name: "Create pull request" }));
  await screen.findByRole("heading", { name: "Pull request #8" });
  expect(document.activeElement).toBe(screen.getByRole("region", { name: "Pull request" }));
});

it("says a branch with no commits beyond its base has nothing for a pull request yet, before the form (the form was filled in, then refused)", async () => {
  server(true);
  const git = { ahead: 0, behind: 0, files: [], fileCount: 2 } as unknown as NonNullable<Session["git"]>;
  const { rerender } = render(<SessionPullRequest session={{ ...session, git }} />);
  const note = await screen.findByTestId("pr-nothing-yet");
  expect(note.textContent).toBe("No pull request yet: login-fixes has no commits beyond main. Commit its 2 changed files in the Git view first.");
  expect(screen.queryByRole("button", { name: "Create pull request" })).toBeNull();
  rerender(<SessionPullRequest session={{ ...session, git: { ...git, fileCount: 0 } }} />);
  expect(screen.getByTestId("pr-nothing-yet").textContent).toBe("No pull request yet: login-fixes has no commits beyond main. Once it has one, you can create a pull request here.");
  // Committed: the card offers it.
  rerender(<SessionPullRequest session={{ ...session, git: { ...git, ahead: 1, fileCount: 0 } }} />);
  expect(screen.getByRole("button", { name: "Create pull request" })).toBeTruthy();
});
