import type { ReviewComment } from "../../../shared/api/workbench.ts";

/** The one structured message "Send N comments to Claude" posts: each comment with its file, lines and quoted code. */
export function reviewMessage(comments: ReviewComment[]): string {
  const these = comments.length === 1 ? "this review comment" : `these ${comments.length} review comments`;
  const items = comments.map((comment, i) => {
    const lines = comment.startLine === comment.endLine ? `line ${comment.startLine}` : `lines ${comment.startLine}-${comment.endLine}`;
    const side = comment.side === "old" ? " (in the old version, before the change)" : "";
    const quoted = comment.anchorText.split("\n").map((line) => `> ${line}`).join("\n");
    const outdated = comment.isOutdated ? "\n(These lines have changed since the comment was written.)" : "";
    return `${i + 1}. \`${comment.path}\` ${lines}${side}:\n${quoted}${outdated}\n\n${comment.body}`;
  });
  return `Please address ${these} on this session's changes. Change the code where they ask for it and say briefly what you did for each.\n\n${items.join("\n\n")}`;
}
