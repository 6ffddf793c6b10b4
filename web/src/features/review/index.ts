/** The review feature's public entry: comments on diff lines, and sending them to Claude. */
export { CommentCard } from "./comment-card.tsx";
export { CommentForm, type CommentTarget } from "./comment-form.tsx";
export { hasDraft } from "./orphaned-drafts.ts";
export { SendCommentsBar } from "./send-comments-bar.tsx";
export { useReviewComments } from "./use-review-comments.ts";
