import { expect, it } from "vitest";
import type { ReviewComment } from "../../../shared/api/workbench.ts";
import { reviewMessage } from "./review-message.ts";

const comment = (body: string): ReviewComment =>
  ({ id: "rvc_1", sessionId: "ses_1", path: "a.ts", side: "new", startLine: 1, endLine: 1, anchorText: "x", body, isOutdated: false, isResolved: false, sentAt: null, createdAt: 1 }) as unknown as ReviewComment;

it("asks about one comment and several in plain English", () => {
  expect(reviewMessage([comment("one")])).toMatch(/^Please address this review comment on this session's changes\./);
  expect(reviewMessage([comment("one"), comment("two")])).toMatch(/^Please address these 2 review comments on this session's changes\./);
});
