// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { pullRequestFixture } from "./pull-request-fixture.ts";
import { ReviewFeedbackActions } from "./review-feedback-actions.tsx";

const reviewed = pullRequestFixture({
  sessionId: "ses_feedback001" as SessionId,
  reviewDecision: "changes_requested",
  reviews: [{ id: 1, author: "mona", state: "changes_requested", body: "Make it a function.", submittedAt: 1, url: "https://github.com/acme/widgets/pull/3#r1" }],
  comments: [{ id: 2, author: "mona", body: "Why a constant?", path: "widget.ts", line: 1, createdAt: 2, url: "https://github.com/acme/widgets/pull/3#c2" }],
});

isolateDomTests();

/** Where the card would show a failure; these tests see none. */
const report = { failed: vi.fn(), succeeded: vi.fn() };

it("sends the review to Claude, links the conversation it went to, and asks the reviewers again (a review could only be read, not acted on)", async () => {
  const fetch = vi.fn(async (url: string) => jsonResponse(String(url).endsWith("/send-to-claude") ? { text: "…", conversationId: "cnv_feedback001" } : { pullRequest: reviewed }));
  vi.stubGlobal("fetch", fetch);
  render(<ReviewFeedbackActions pr={reviewed} report={report} />);
  fireEvent.click(screen.getByRole("button", { name: "Send review to Claude" }));
  await screen.findByText("Review sent to Claude in the task conversation.");
  // The way to watch Claude answer it (the note named the conversation and gave no way there).
  expect(screen.getByRole("link", { name: "Open the task conversation" }).getAttribute("href")).toBe("#/c/cnv_feedback001");
  fireEvent.click(screen.getByRole("button", { name: "Ask for review again" }));
  await screen.findByText("Asked the reviewers to review again.");
  expect(screen.queryByRole("link", { name: "Open the task conversation" })).toBeNull();
  expect(fetch.mock.calls.map(([url]) => new URL(String(url), "http://x").pathname)).toEqual([
    "/api/sessions/ses_feedback001/pull-request/review/send-to-claude",
    "/api/sessions/ses_feedback001/pull-request/review/request-again",
  ]);
  expect(report.failed).not.toHaveBeenCalled();
});

it("offers nothing on a merged pull request", () => {
  render(<ReviewFeedbackActions pr={{ ...reviewed, state: "merged" }} report={report} />);
  expect(screen.queryByRole("button")).toBeNull();
});
