// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LinearIssue, PullRequest, Session } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { SessionLinearIssue } from "./session-linear-issue.tsx";

const SESSION = { id: "ses_linearcard001", workspaceId: "wsp_linearcard001", name: "orion" } as unknown as Session;
const ISSUE: LinearIssue = {
  id: "issue-7", identifier: "ENG-7", title: "Fix the login redirect", description: "", url: "https://linear.app/acme/issue/ENG-7", branchName: "ada/eng-7-fix-the-login-redirect",
  stateName: "In Progress", stateType: "started", teamKey: "ENG",
};

beforeEach(() => {
  useLinearStore.setState({ connection: { isConnected: true, name: "Ada Lovelace", email: "ada@example.com", problem: null, isKeyRejected: false, isAutoStatus: false }, bySession: {} });
});
isolateDomTests();

describe("SessionLinearIssue", () => {
  it("shows the linked issue when Linear cannot be read again (it said 'Not linked' and offered to link another)", async () => {
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith("/linear/refresh")) return jsonResponse({ error: { code: "forbidden", message: "Linear rejected the API key (revoked or mistyped)." } }, 403);
      if (url.endsWith(`/sessions/${SESSION.id}/linear`) && (init?.method ?? "GET") === "GET") return jsonResponse({ issue: ISSUE });
      // Read from the ChatML server, not Linear: it answers even when Linear refuses the key.
      if (url.endsWith("/linear/holders")) return jsonResponse({ holders: [] });
      return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
    }));
    render(<SessionLinearIssue session={SESSION} />);
    expect(await screen.findByText(/Linear rejected the API key/)).toBeTruthy();
    expect(screen.getByRole("link", { name: /ENG-7 Fix the login redirect/ })).toBeTruthy();
    expect(screen.queryByText("Not linked to a Linear issue.")).toBeNull();
  });

  it("closes the issue list again without linking one (it had no way back but leaving the screen)", async () => {
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith(`/sessions/${SESSION.id}/linear`)) return jsonResponse({ issue: null });
      if (url.includes("/linear/issues")) return jsonResponse({ issues: [ISSUE] });
      return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
    }));
    render(<SessionLinearIssue session={SESSION} />);
    fireEvent.click(await screen.findByRole("button", { name: "Link a Linear issue" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByText("Not linked to a Linear issue.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Link a Linear issue" })).toBeTruthy();
  });
});

/**
 * The server of a linked session whose issue Linear has at `issue`; a move (`/linear/done`, `/linear/review`) answers
 * `moved`. Answers the paths POSTed, from `/linear` on.
 */
function linkedServer(issue: LinearIssue, moved: Record<string, LinearIssue> = {}): string[] {
  const posted: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const path = url.replace(/^.*\/linear/, "/linear");
    if (init?.method === "POST") posted.push(path);
    if (url.endsWith("/linear/holders")) return jsonResponse({ holders: [] });
    if (moved[path]) return jsonResponse({ issue: moved[path] });
    if (url.endsWith("/linear/refresh") || url.endsWith(`/sessions/${SESSION.id}/linear`)) return jsonResponse({ issue });
    return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
  }));
  return posted;
}

describe("the issue once the session's PR is merged, with automatic status off", () => {
  it("says Linear still has it open and moves it to Done in one tap (it read Backlog beside a merged PR with no word why)", async () => {
    linkedServer({ ...ISSUE, stateName: "Backlog", stateType: "backlog" }, { "/linear/done": { ...ISSUE, stateName: "Done", stateType: "completed" } });
    usePullRequestStore.getState().set(SESSION.id, { sessionId: SESSION.id, number: 9, state: "merged" } as PullRequest);
    render(<SessionLinearIssue session={SESSION} />);
    expect((await screen.findByTestId("linear-behind-note")).textContent).toBe("Pull request #9 is merged; Linear still says Backlog. With automatic status off, ChatML leaves issues to you.");
    fireEvent.click(screen.getByRole("button", { name: "Mark ENG-7 done" }));
    await screen.findByText("Done", { exact: true });
    expect(screen.queryByTestId("linear-behind-note")).toBeNull();
  });
});

describe("the issue while the session's PR is open, with automatic status off", () => {
  const todo = { ...ISSUE, stateName: "Todo", stateType: "unstarted" };

  it("says Linear still says Todo and moves it to In Review in one tap (the badge said Todo beside an open PR until the merge)", async () => {
    const posted = linkedServer(todo, { "/linear/review": { ...ISSUE, stateName: "In Review", stateType: "started" } });
    usePullRequestStore.getState().set(SESSION.id, { sessionId: SESSION.id, number: 4, state: "draft" } as PullRequest);
    render(<SessionLinearIssue session={SESSION} />);
    expect((await screen.findByTestId("linear-behind-note")).textContent).toBe("Pull request #4 is open; Linear still says Todo. With automatic status off, ChatML leaves issues to you.");
    fireEvent.click(screen.getByRole("button", { name: "Mark ENG-7 in review" }));
    await screen.findByText("In Review", { exact: true });
    expect(posted).toEqual(["/linear/refresh", "/linear/review"]);
    expect(screen.queryByTestId("linear-behind-note")).toBeNull();
  });

  it("says nothing once the issue is started (Linear's own GitHub integration moved it)", async () => {
    linkedServer(ISSUE);
    usePullRequestStore.getState().set(SESSION.id, { sessionId: SESSION.id, number: 4, state: "open" } as PullRequest);
    render(<SessionLinearIssue session={SESSION} />);
    await screen.findByText("In Progress", { exact: true });
    expect(screen.queryByTestId("linear-behind-note")).toBeNull();
  });

  it("says nothing with automatic status on: ChatML moves the issue itself", async () => {
    useLinearStore.setState((state) => ({ connection: state.connection && { ...state.connection, isAutoStatus: true } }));
    linkedServer(todo);
    usePullRequestStore.getState().set(SESSION.id, { sessionId: SESSION.id, number: 4, state: "open" } as PullRequest);
    render(<SessionLinearIssue session={SESSION} />);
    await screen.findByText("Todo", { exact: true });
    expect(screen.queryByTestId("linear-behind-note")).toBeNull();
  });
});

describe("the issue held back from Done by another linked session", () => {
  it("says which session holds it, with a link to its PR and a way to it (it stayed In Review with no word why)", async () => {
    const inReview = { ...ISSUE, stateName: "In Review", stateType: "started" };
    const holders = [
      { sessionId: "ses_linearhold001", name: "export-web", workspaceName: "web", pullRequest: { number: 12, url: "https://github.com/acme/web/pull/12", state: "open" } },
      { sessionId: "ses_linearhold002", name: "export-docs", workspaceName: "docs", pullRequest: null },
    ];
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith("/linear/holders")) return jsonResponse({ holders });
      if (url.endsWith("/linear/refresh") || url.endsWith(`/sessions/${SESSION.id}/linear`)) return jsonResponse({ issue: inReview });
      return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
    }));
    render(<SessionLinearIssue session={SESSION} />);
    const note = await screen.findByRole("note", { name: "Why the issue is not Done" });
    expect(note.textContent).toContain("ENG-7 stays In Review after this merge: it moves to Done once these linked sessions' parts are merged");
    expect(screen.getByRole("link", { name: "PR #12" }).getAttribute("href")).toBe("https://github.com/acme/web/pull/12");
    expect(note.textContent).toContain("Waiting for export-docs (docs): no pull request yet");
    expect(screen.getByRole("link", { name: "Open export-web" }).getAttribute("href")).toBe("#/s/ses_linearhold001");
    expect(screen.getByRole("link", { name: "Open export-docs" }).getAttribute("href")).toBe("#/s/ses_linearhold002");
  });
});
