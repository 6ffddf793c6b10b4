import type { Migration } from "../migrate.ts";

/**
 * When a review comment's text was last edited (null: never), for its "edited" mark (`updated_at` cannot tell: it
 * moves when the comment is resolved, sent or re-anchored too); and the thread a reply belongs to (its first comment). (Numbered 0019 for the merge of QA pass 3; its version
 * is the next free one on this branch, as the runner needs them contiguous.)
 */
export const migration0019: Migration = {
  version: 17,
  name: "review-comment-edits-and-replies",
  sql: `
    ALTER TABLE review_comments ADD COLUMN edited_at INTEGER;
    ALTER TABLE review_comments ADD COLUMN reply_to TEXT REFERENCES review_comments(id) ON DELETE CASCADE;
  `,
};
