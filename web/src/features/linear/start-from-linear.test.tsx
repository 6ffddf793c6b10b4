// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LinearIssueChoice, Workspace } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useLinearStore } from "../../stores/linear-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { StartFromLinear } from "./start-from-linear.tsx";

const WORKSPACE = { id: "wsp_startlinear01", name: "parser", isGitRepo: true, archivedAt: null } as unknown as Workspace;
const ISSUE: LinearIssueChoice = {
  id: "issue-7", identifier: "ENG-7", title: "Fix the login redirect", description: "", url: "https://linear.app/acme/issue/ENG-7", branchName: "ada/eng-7-fix-the-login-redirect",
  stateName: "Todo", stateType: "unstarted", teamKey: "ENG", takenBy: null,
};

beforeEach(() => {
  useLinearStore.setState({ connection: { isConnected: true, name: "Ada Lovelace", email: "ada@example.com", problem: null, isKeyRejected: false, isAutoStatus: false }, bySession: {} });
});
isolateDomTests();

describe("StartFromLinear", () => {
  it("Start on an issue a session has already (a stale list) says which session, in which repository, and offers to open it; a second tap meanwhile starts nothing more", async () => {
    const starts: string[] = [];
    const refusal = 'ENG-7 has a session already: "Export API" in backend. To work on it in parser too, create a session here and link it to ENG-7.';
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes("/integrations/linear/teams")) return jsonResponse({ teams: [] });
      if (url.includes("/integrations/linear/issues")) return jsonResponse({ issues: [ISSUE] });
      if (url.endsWith("/integrations/linear/start")) {
        starts.push(url);
        return jsonResponse({ error: { code: "conflict", message: refusal, details: { sessionId: "ses_startlinear01", sessionName: "Export API" } } }, 409);
      }
      return jsonResponse({ error: { code: "not_found", message: `unexpected ${url}` } }, 404);
    }));
    useNavStore.getState().go({ view: "home" });
    const { container } = render(<StartFromLinear workspace={WORKSPACE} />);
    const details = container.querySelector("details")!;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    const start = await screen.findByRole("button", { name: "Start ENG-7" });
    fireEvent.click(start);
    fireEvent.click(start); // a second tap while the first is under way starts nothing more
    expect((await screen.findByRole("alert")).textContent).toBe(refusal);
    expect(useNavStore.getState().hash).not.toBe("#/s/ses_startlinear01");
    expect(screen.getByRole("link", { name: "Open Export API" }).getAttribute("href")).toBe("#/s/ses_startlinear01");
    fireEvent.click(screen.getByRole("link", { name: "Open Export API" }));
    expect(useNavStore.getState().hash).toBe("#/s/ses_startlinear01");
    expect(starts).toHaveLength(1);
  });

  it("shows an issue a session has already as taken, linking to that session, with no Start (it offered a second session)", async () => {
    const taken = { ...ISSUE, id: "issue-8", identifier: "ENG-8", takenBy: { sessionId: "ses_startlinear02", name: "Login fixes", workspaceId: WORKSPACE.id, workspaceName: "parser" } } as LinearIssueChoice;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => jsonResponse(String(input).includes("/teams") ? { teams: [] } : { issues: [ISSUE, taken], nextCursor: null })));
    const { container } = render(<StartFromLinear workspace={WORKSPACE} />);
    const details = container.querySelector("details")!;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    await screen.findByRole("button", { name: "Start ENG-7" });
    expect(screen.queryByRole("button", { name: "Start ENG-8" })).toBeNull();
    expect(screen.getByText("Taken by Login fixes")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open Login fixes, the session on ENG-8" }).getAttribute("href")).toBe("#/s/ses_startlinear02");
  });

  it("names the repository of a session that has the issue in another workspace, and how to work on it here too", async () => {
    const takenBy = { sessionId: "ses_startlinear03", name: "Export API", workspaceId: "wsp_startlinear02", workspaceName: "backend" };
    const taken = { ...ISSUE, id: "issue-9", identifier: "ENG-9", takenBy } as LinearIssueChoice;
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => jsonResponse(String(input).includes("/teams") ? { teams: [] } : { issues: [taken], nextCursor: null })));
    const { container } = render(<StartFromLinear workspace={WORKSPACE} />);
    const details = container.querySelector("details")!;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    expect(await screen.findByText("Taken by Export API in backend. To work on it here too, create a session and link it.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Start ENG-9" })).toBeNull();
  });
});
