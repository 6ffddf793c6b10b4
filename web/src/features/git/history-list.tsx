import { useEffect, useState } from "react";
import type { GitCommitDetail, GitLog, GitLogEntry, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { GitStatusLetter } from "../../components/git-status-letter.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { age } from "../../lib/age.ts";
import { errorMessage } from "../../lib/http.ts";
import { gitApi } from "./git-api.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";

/** Commits shown at first; "Show older" adds this many more. */
const PAGE = 20;

/**
 * The branch's history, newest first: each commit's subject, short sha, author and age, marked when it is the
 * session's own work (ahead of the base) and when it is not pushed yet; a commit opens to its message, files and patch.
 * `version` changes whenever HEAD or the upstream moves, and the list is read again.
 */
export function HistoryList({ sessionId, baseBranch, version }: { sessionId: SessionId; baseBranch: string | null; version: string }) {
  const [limit, setLimit] = useState(PAGE);
  const [log, setLog] = useState<GitLog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    gitApi.history(sessionId, limit).then(
      (read) => isCurrent && (setLog(read), setError(null)),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, limit, version]);
  return (
    <section aria-label="History" className="flex flex-col gap-1">
      <h3 className="text-sm font-semibold">History</h3>
      <ErrorText message={error} />
      {log && log.commits.length === 0 ? <p className="text-xs text-stone-500">No commits yet.</p> : null}
      <ol aria-label="Commits" className="flex flex-col">
        {log?.commits.map((commit) => (
          <li key={commit.sha} className="flex flex-col">
            <button
              type="button"
              aria-expanded={open === commit.sha}
              onClick={() => setOpen(open === commit.sha ? null : commit.sha)}
              className="flex min-h-11 min-w-0 flex-col items-start justify-center rounded-md px-1 text-left hover:bg-stone-100 dark:hover:bg-stone-900"
            >
              {/* Opened, the subject shows whole: a phone cut a long one at the ellipsis, and the details start after it. */}
              <span className={`w-full text-xs ${open === commit.sha ? WRAPS : "truncate"}`}>{commit.subject || "(no message)"}</span>
              <span className="text-[11px] text-stone-500">
                <span className="font-mono">{commit.sha.slice(0, 7)}</span>
                {DOT}
                {dotJoin([commit.author, age(commit.authoredAt)])}
                <Marks commit={commit} baseBranch={baseBranch} />
              </span>
            </button>
            {open === commit.sha ? <CommitDetails sessionId={sessionId} sha={commit.sha} /> : null}
          </li>
        ))}
      </ol>
      {log?.hasMore ? (
        <Button variant="ghost" onClick={() => setLimit(limit + PAGE)}>
          Show older commits
        </Button>
      ) : null}
    </section>
  );
}

function Marks({ commit, baseBranch }: { commit: GitLogEntry; baseBranch: string | null }) {
  const marks = dotJoin([commit.isAhead ? "this session" : baseBranch ? `on ${baseBranch}` : null, commit.isPushed === false && "not pushed"]);
  return marks ? <>{DOT + marks}</> : null;
}

/** Text that wraps anywhere when it must: a URL or a path in a message has no spaces, and a phone is 390 px wide. */
const WRAPS = "[overflow-wrap:anywhere]";

/** A commit opened: the rest of its message, its files with +/− counts, and its patch one tap further. */
function CommitDetails({ sessionId, sha }: { sessionId: SessionId; sha: string }) {
  const [commit, setCommit] = useState<GitCommitDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPatchShown, setPatchShown] = useState(false);
  useEffect(() => {
    gitApi.commitDetail(sessionId, sha).then(({ commit: read }) => setCommit(read), (e: unknown) => setError(errorMessage(e)));
  }, [sessionId, sha]);
  if (error) return <ErrorText message={error} />;
  if (!commit) return <p className="px-1 text-xs text-stone-500">Reading the commit…</p>;
  const body = commit.message.split("\n").slice(1).join("\n").trim();
  return (
    <div aria-label={`Commit ${sha.slice(0, 7)}`} role="group" className="flex flex-col gap-1 border-l-2 border-stone-200 py-1 pl-2 dark:border-stone-800">
      {body ? <p className={`whitespace-pre-wrap text-xs text-stone-600 dark:text-stone-400 ${WRAPS}`}>{body}</p> : null}
      <ul aria-label="Files in this commit" className="flex flex-col font-mono text-xs">
        {commit.files.map((file) => (
          <li key={file.path} className="flex items-center gap-2">
            <GitStatusLetter letter={file.status} className="w-4 text-stone-500" />
            <span className="min-w-0 flex-1 truncate">{file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}</span>
            {file.isBinary ? (
              <span className="text-stone-500">binary</span>
            ) : (
              <>
                <span className="text-emerald-700 dark:text-emerald-400">+{file.additions}</span>
                <span className="text-red-700 dark:text-red-400">−{file.deletions}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <Button variant="ghost" aria-expanded={isPatchShown} onClick={() => setPatchShown(!isPatchShown)} className="self-start">
        {isPatchShown ? "Hide the patch" : "Show the patch"}
      </Button>
      {isPatchShown ? <Patch text={commit.patch} isTruncated={commit.isPatchTruncated} /> : null}
    </div>
  );
}

function Patch({ text, isTruncated }: { text: string; isTruncated: boolean }) {
  return (
    <pre aria-label="Patch" className="max-h-96 overflow-auto rounded-md bg-stone-100 p-2 font-mono text-[11px] leading-4 dark:bg-stone-900">
      {text.split("\n").map((line, index) => (
        <div key={index} className={lineColor(line)}>
          {line || " "}
        </div>
      ))}
      {isTruncated ? <div className="text-stone-500">… the patch is cut here; the files above are all of them.</div> : null}
    </pre>
  );
}

function lineColor(line: string): string {
  if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")) return "font-semibold";
  if (line.startsWith("+")) return "text-emerald-700 dark:text-emerald-400";
  if (line.startsWith("-")) return "text-red-700 dark:text-red-400";
  return line.startsWith("@@") ? "text-sky-700 dark:text-sky-400" : "";
}
