// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { PullRequestConversation } from "./pull-request-conversation.tsx";
import { pullRequestFixture } from "./pull-request-fixture.ts";

const pr = pullRequestFixture({
  reviewDecision: "changes_requested",
  reviews: [{ id: 1, author: "mona", state: "changes_requested", body: "Please return **JSON**.", submittedAt: 1, url: "https://github.com/acme/widgets/pull/4#r1" }],
  comments: [{ id: 2, author: "mona", body: "Use `OK`:\n\n- here\n- and there", path: "health.ts", line: 1, createdAt: 2, url: "https://github.com/acme/widgets/pull/4#c2" }],
});

isolateDomTests();

it("renders the reviewers' markdown as GitHub does (it showed **JSON** with its stars)", async () => {
  render(<PullRequestConversation pr={pr} />);
  expect((await screen.findByText("JSON")).tagName).toBe("STRONG");
  expect((await screen.findByText("OK")).tagName).toBe("CODE");
  expect((await screen.findByText("here")).closest("li")?.textContent).toBe("here");
  expect(document.body.textContent).not.toContain("**");
});
