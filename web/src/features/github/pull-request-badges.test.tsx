// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { PullRequest } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { PullRequestBadges } from "./pull-request-badges.tsx";
import { pullRequestFixture } from "./pull-request-fixture.ts";

isolateDomTests();

// What the fake GitHub answers for each (server/core/integrations/pull-requests.test.ts), as the card words it.
const CASES: [Partial<PullRequest>, string][] = [
  [{ isMergeable: null, mergeableState: "unknown" }, "Checking mergeability"],
  [{ isMergeable: false, mergeableState: "dirty" }, "Conflicts"],
  [{ isMergeable: true, mergeableState: "blocked", checkSummary: "failing" }, "Blocked by required checks"],
  [{ isMergeable: true, mergeableState: "blocked", checkSummary: "passing", reviewDecision: null }, "Blocked until approved"],
  [{ isMergeable: true, mergeableState: "blocked", checkSummary: "none", reviewDecision: null }, "Blocked until required checks report, or it is approved"],
  [{ isMergeable: true, mergeableState: "blocked", checkSummary: "none", reviewDecision: "review_required" }, "Blocked until approved"],
  [{ isMergeable: true, mergeableState: "behind" }, "Behind main: update the branch"],
  [{ isMergeable: true, mergeableState: "unstable", checkSummary: "failing" }, "Mergeable, with failing checks"],
  [{ isMergeable: true, mergeableState: "unstable", checkSummary: "pending" }, "Mergeable, checks running"],
  [{ isMergeable: true, mergeableState: "clean" }, "Mergeable"],
];

it.each(CASES)("says the truth of GitHub's mergeability %o: %s (behind and unstable said 'Mergeable')", (fields, words) => {
  render(<PullRequestBadges pr={pullRequestFixture(fields)} />);
  expect(screen.getByTestId("pr-mergeability").textContent).toBe(words);
});

it("ends a part with its separator, so a part wrapped to the next line on a phone does not start with a stray '·'", () => {
  const { container } = render(<PullRequestBadges pr={pullRequestFixture({ mergeableState: "blocked", reviewDecision: "review_required" })} />);
  const lineParts = [...(container.firstElementChild?.children ?? [])].map((part) => part.textContent ?? "");
  expect(lineParts).toEqual(["open", "No checks\u00a0·", "Review required\u00a0·", "Blocked until approved"]);
  expect(lineParts.filter((text) => text.trimStart().startsWith("·"))).toEqual([]);
});

it("says nothing of mergeability once the PR is merged or closed", () => {
  render(<PullRequestBadges pr={pullRequestFixture({ state: "merged", isMergeable: null, mergeableState: "unknown" })} />);
  expect(screen.queryByText(/Mergeable|mergeability/)).toBeNull();
});
