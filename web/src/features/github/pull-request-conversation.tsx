import type { PullRequest, PullRequestComment, PullRequestReview } from "../../../../shared/index.ts";
import { Markdown } from "../../components/markdown.tsx";

const REVIEW_STATE: Record<PullRequestReview["state"], { text: string; className: string }> = {
  approved: { text: "approved", className: "text-emerald-700 dark:text-emerald-400" },
  changes_requested: { text: "requested changes", className: "text-red-700 dark:text-red-400" },
  commented: { text: "reviewed", className: "text-stone-600 dark:text-stone-400" },
  dismissed: { text: "review dismissed", className: "text-stone-500 line-through" },
};

type Entry = { key: string; kind: "review" | "comment"; at: number; author: string; what: { text: string; className: string }; body: string; url: string };

/**
 * The PR's reviews and comments (on its conversation and on lines of its diff), oldest first, their markdown rendered,
 * each linking to GitHub.
 */
export function PullRequestConversation({ pr }: { pr: PullRequest }) {
  const entries = [...pr.reviews.map(reviewEntry), ...pr.comments.map(commentEntry)].sort((a, b) => a.at - b.at);
  if (entries.length === 0) return <p className="text-sm text-stone-500">No reviews or comments yet.</p>;
  return (
    <ul aria-label="Reviews and comments" className="flex flex-col divide-y divide-stone-200 dark:divide-stone-800">
      {entries.map((entry) => (
        <li key={entry.key} className="flex min-w-0 flex-col gap-1 py-2 text-sm">
          <p className="flex flex-wrap items-baseline gap-x-1.5">
            <span className="font-semibold">{entry.author}</span>
            <span className={`min-w-0 break-words text-xs ${entry.what.className}`}>{entry.what.text}</span>
            {/* A finger's width too: the word "GitHub" alone was 37 px wide on a phone. */}
            <a href={entry.url} target="_blank" rel="noreferrer" aria-label={`Open ${entry.author}'s ${entry.kind} on GitHub`} className="ml-auto inline-flex min-h-11 min-w-11 items-center justify-end text-xs underline mouse:min-h-0 mouse:min-w-0">
              GitHub
            </a>
          </p>
          {/* Reviewers write GitHub markdown (emphasis, code, suggestions, lists): shown as GitHub shows it. */}
          {entry.body ? (
            <div className="min-w-0 break-words text-stone-800 dark:text-stone-200">
              <Markdown text={entry.body} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function reviewEntry(review: PullRequestReview): Entry {
  return { key: `review-${review.id}`, kind: "review", at: review.submittedAt ?? 0, author: review.author, what: REVIEW_STATE[review.state], body: review.body, url: review.url };
}

function commentEntry(comment: PullRequestComment): Entry {
  const where = comment.path === null ? "commented" : `on ${comment.path}${comment.line === null ? "" : `:${comment.line}`}`;
  return { key: `comment-${comment.id}`, kind: "comment", at: comment.createdAt, author: comment.author, what: { text: where, className: comment.path === null ? "text-stone-600 dark:text-stone-400" : "font-mono text-stone-600 dark:text-stone-400" }, body: comment.body, url: comment.url };
}
