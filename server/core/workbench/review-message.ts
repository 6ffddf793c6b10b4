import type { ReviewComment } from "../../../shared/api/workbench.ts";

/**
 * The one structured message "Send N comments to Claude" posts: each thread with its file, lines and quoted code, then
 * the comments being sent (a reply's thread start is quoted when it was sent before). `all` are the session's comments.
 */
export function reviewMessage(comments: ReviewComment[], all: ReviewComment[] = comments): string {
  const threads = new Map<string, ReviewComment[]>();
  for (const comment of comments) threads.set(comment.replyTo ?? comment.id, [...(threads.get(comment.replyTo ?? comment.id) ?? []), comment]);
  const these = comments.length === 1 ? "this review comment" : `these ${comments.length} review comments`;
  const items = [...threads].map(([rootId, sent], i) => {
    const root = all.find((c) => c.id === rootId) ?? sent[0] as ReviewComment;
    const lines = root.startLine === root.endLine ? `line ${root.startLine}` : `lines ${root.startLine}-${root.endLine}`;
    const side = root.side === "old" ? " (in the old version, before the change)" : "";
    const quoted = root.anchorText.split("\n").map((line) => `> ${line}`).join("\n");
    const outdated = root.isOutdated ? "\n(These lines have changed since the comment was written.)" : "";
    const earlier = sent.includes(root) ? [] : [`(Earlier comment, sent before: ${root.body})`];
    const texts = [...earlier, ...sent.map((c) => (c.replyTo ? `Reply: ${c.body}` : c.body))];
    return `${i + 1}. \`${root.path}\` ${lines}${side}:\n${quoted}${outdated}\n\n${texts.join("\n\n")}`;
  });
  return `Please address ${these} on this session's changes. Change the code where they ask for it and say briefly what you did for each.\n\n${items.join("\n\n")}`;
}
