// @vitest-environment jsdom
import { render, screen, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { EntityChange, LinearIssue, PullRequest, ServerFrame, SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { LinearHoldNote } from "./linear-hold-note.tsx";

/** The socket's frame listeners: a test sends the frames the server would. */
const frames = vi.hoisted(() => new Set<(frame: ServerFrame) => void>());
vi.mock("../../lib/socket.ts", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  onServerFrame: (listener: (frame: ServerFrame) => void) => (frames.add(listener), () => frames.delete(listener)),
}));

isolateDomTests();

const SESSION = "ses_holdnote00001" as SessionId;
const HOLDER = "ses_holdnote00002" as SessionId;
const ISSUE = { id: "issue-7", identifier: "ENG-7", title: "Fix", description: "", url: "https://linear.app/acme/issue/ENG-7", branchName: "eng-7", stateName: "In Review", stateType: "started", teamKey: "ENG" } as LinearIssue;
const OTHER_ISSUE = { ...ISSUE, id: "issue-9", identifier: "ENG-9" };
const send = (change: EntityChange) => frames.forEach((listener) => listener({ type: "entity", change } as ServerFrame));
const pullRequestOf = (sessionId: string) => ({ kind: "pullRequest", pullRequest: { sessionId, state: "open" } as unknown as PullRequest }) as EntityChange;

it("reads the holders again only for a change that can concern this issue, not every PR poll or link of any session (it asked on each)", async () => {
  const fetch = vi.fn(async () => jsonResponse({ holders: [{ sessionId: HOLDER, name: "export-web", workspaceName: "web", pullRequest: null }] }));
  vi.stubGlobal("fetch", fetch);
  render(<LinearHoldNote sessionId={SESSION} issue={ISSUE} />);
  await screen.findByRole("note", { name: "Why the issue is not Done" });
  expect(fetch).toHaveBeenCalledTimes(1);
  const asked = async (times: number) => {
    await waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(times));
    expect(fetch).toHaveBeenCalledTimes(times);
  };

  // Frames sent before one that concerns the issue: had any of them read again, the count would be past it.
  send(pullRequestOf("ses_unrelated0001"));
  send({ kind: "linearLink", sessionId: "ses_unrelated0002" as SessionId, issue: OTHER_ISSUE });
  send({ kind: "removed", entity: "session", id: "ses_unrelated0003" });
  send(pullRequestOf(HOLDER)); // the holder's PR moved on
  await asked(2);
  send(pullRequestOf("ses_unrelated0001"));
  send({ kind: "linearLink", sessionId: "ses_newholder0001" as SessionId, issue: ISSUE }); // a new session linked to this issue
  await asked(3);
  send({ kind: "linearLink", sessionId: HOLDER, issue: null }); // the holder unlinked
  await asked(4);
  send(pullRequestOf(SESSION)); // this session's own PR
  await asked(5);
  send({ kind: "removed", entity: "session", id: HOLDER });
  await asked(6);
  for (const [url] of fetch.mock.calls as unknown as [string][]) expect(String(url)).toMatch(new RegExp(`/sessions/${SESSION}/linear/holders$`));
});
