// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { HistoryList } from "./history-list.tsx";

const SESSION = "ses_history01" as SessionId;
const SUBJECT = "Change line ten to words, because the numbers confused everyone reading the shared file in review";
const BODY = "It explains at length: https://example.com/a/very/long/url/without/any/spaces/that/must/wrap/on/a/phone";

isolateDomTests();

it("an opened commit shows its whole subject and a body whose unbroken words (a URL) wrap instead of leaving a phone's screen", async () => {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    if (String(url).includes("/git/log")) return jsonResponse({ commits: [{ sha: "c".repeat(40), subject: SUBJECT, author: "QA", authoredAt: Date.now(), isAhead: true, isPushed: null }], hasMore: false });
    return jsonResponse({ commit: { sha: "c".repeat(40), message: `${SUBJECT}\n\n${BODY}`, files: [], patch: "", isPatchTruncated: false } });
  }));
  render(<HistoryList sessionId={SESSION} baseBranch="main" version="1" />);
  const subject = await screen.findByText(SUBJECT);
  expect(subject.className).toContain("truncate");
  fireEvent.click(screen.getByRole("button", { name: new RegExp(SUBJECT) }));
  const body = await screen.findByText(BODY);
  expect(subject.className).not.toContain("truncate");
  for (const text of [subject, body]) expect(text.className).toContain("[overflow-wrap:anywhere]");
});
