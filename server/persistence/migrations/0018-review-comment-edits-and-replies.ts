import type { Migration } from "../migrate.ts";

/**
 * When a review comment's text was last edited (null: never), for its "edited" mark (`updated_at` cannot tell: it
 * moves when the comment is resolved, sent or re-anchored too); and the thread a reply belongs to (its first comment).
 */
export const migration0018: Migration = {
  version: 18,
  name: "review-comment-edits-and-replies",
  sql: `
    ALTER TABLE review_comments ADD COLUMN edited_at INTEGER;
    ALTER TABLE review_comments ADD COLUMN reply_to TEXT REFERENCES review_comments(id) ON DELETE CASCADE;
  `,
};
