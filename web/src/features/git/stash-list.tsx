import { useEffect, useId, useState } from "react";
import type { GitStash, GitStashDetail, SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { age } from "../../lib/age.ts";
import { errorMessage } from "../../lib/http.ts";
import { gitApi } from "./git-api.ts";
import { useGitAction } from "./use-git-action.ts";
import { dotJoin } from "../../lib/dot-join.ts";

/**
 * Work put aside: stash the uncommitted changes (with a message, untracked files too if asked), and each stash of the
 * repository to show, apply, pop or drop (those two ask first). `version` moves when any device changes the stash list
 * or the work tree, and the list is read again. Its errors show here, under its own controls.
 */
export function StashList({ sessionId, version, uncommitted }: { sessionId: SessionId; version: string; uncommitted: UncommittedCounts | null }) {
  const [stashes, setStashes] = useState<GitStash[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { busy, error, run } = useGitAction();
  useEffect(() => {
    let isCurrent = true;
    gitApi.stashes(sessionId).then(
      (read) => isCurrent && (setStashes(read.stashes), setLoadError(null)),
      (e: unknown) => isCurrent && setLoadError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, version]);
  return (
    <section aria-label="Stashes" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">
        Stashes {stashes ? <span className="font-normal text-stone-500">({stashes.length})</span> : null}
      </h3>
      <StashForm sessionId={sessionId} uncommitted={uncommitted} busy={busy} run={run} />
      <ErrorText message={error ?? loadError} className="whitespace-pre-wrap rounded-lg bg-red-50 p-2 text-xs dark:bg-red-950" />
      {stashes && stashes.length === 0 ? <p className="text-xs text-stone-500">No stashes.</p> : null}
      <ol aria-label="Stash list" className="flex flex-col gap-1">
        {stashes?.map((stash) => (
          <StashRow key={stash.sha} sessionId={sessionId} stash={stash} isOpen={open === stash.sha} onToggle={() => setOpen(open === stash.sha ? null : stash.sha)} busy={busy} run={run} />
        ))}
      </ol>
    </section>
  );
}

type Run = ReturnType<typeof useGitAction>["run"];

/** How many uncommitted files there are, tracked and untracked; null while the changes are still being read. */
export type UncommittedCounts = { tracked: number; untracked: number };

/** Why Stash cannot be pressed, or null: said before it is pressed (the server's refusal said it only after). */
function whyNotStash(uncommitted: UncommittedCounts | null, includeUntracked: boolean): string | null {
  if (!uncommitted || uncommitted.tracked > 0 || (includeUntracked && uncommitted.untracked > 0)) return null;
  return uncommitted.untracked > 0 ? "Only new, untracked files changed: tick “Include untracked files” to stash them." : "There are no uncommitted changes to stash.";
}

function StashForm({ sessionId, uncommitted, busy, run }: { sessionId: SessionId; uncommitted: UncommittedCounts | null; busy: string | null; run: Run }) {
  const [message, setMessage] = useState("");
  const [includeUntracked, setIncludeUntracked] = useState(false);
  const reasonId = useId();
  const cannotStash = whyNotStash(uncommitted, includeUntracked);
  const stash = async () => {
    if (await run("stash", () => gitApi.stash(sessionId, { message, includeUntracked }))) setMessage("");
  };
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void stash();
      }}
    >
      <input
        aria-label="Stash message"
        value={message}
        maxLength={500}
        onChange={(e) => setMessage(e.target.value)}
        placeholder="What these changes are (optional)"
        className="min-h-11 min-w-0 flex-1 basis-48 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-950"
      />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={includeUntracked} onChange={(e) => setIncludeUntracked(e.target.checked)} className="size-5" />
        Include untracked files
      </label>
      <Button type="submit" disabled={busy !== null || cannotStash !== null} aria-describedby={cannotStash ? reasonId : undefined}>
        {busy === "stash" ? "Stashing…" : "Stash changes"}
      </Button>
      {cannotStash ? (
        <p id={reasonId} className="basis-full text-xs text-stone-500">
          {cannotStash}
        </p>
      ) : null}
    </form>
  );
}

function StashRow({ sessionId, stash, isOpen, onToggle, busy, run }: { sessionId: SessionId; stash: GitStash; isOpen: boolean; onToggle: () => void; busy: string | null; run: Run }) {
  const name = `stash “${stash.message}”`;
  return (
    <li className="flex flex-col rounded-md border border-stone-200 dark:border-stone-800">
      <div className="flex flex-wrap items-center gap-1 px-1">
        <button type="button" aria-expanded={isOpen} aria-label={`${isOpen ? "Hide" : "Show"} ${name}`} onClick={onToggle} className="flex min-h-11 min-w-0 flex-1 basis-40 flex-col items-start justify-center text-left">
          <span className="w-full truncate text-xs">{stash.message || "(no message)"}</span>
          <span className="text-[11px] text-stone-500">
            {dotJoin([stash.branch && `on ${stash.branch}`, age(stash.createdAt)])}
          </span>
        </button>
        <Button variant="ghost" aria-label={`Apply ${name}`} disabled={busy !== null} onClick={() => void run("apply stash", () => gitApi.applyStash(sessionId, stash.sha, false))}>
          Apply
        </Button>
        <ConfirmButton label="Pop" confirmLabel="Pop" name={`Pop ${name} (apply it, then delete it)`} onConfirm={() => void run("pop stash", () => gitApi.applyStash(sessionId, stash.sha, true))} />
        <ConfirmButton label="Drop" confirmLabel="Drop" name={`Drop ${name} (delete it for good)`} onConfirm={() => void run("drop stash", () => gitApi.dropStash(sessionId, stash.sha))} />
      </div>
      {isOpen ? <StashDetail sessionId={sessionId} sha={stash.sha} /> : null}
    </li>
  );
}

/** A stash's files and patch, read when opened. */
function StashDetail({ sessionId, sha }: { sessionId: SessionId; sha: string }) {
  const [detail, setDetail] = useState<GitStashDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    gitApi.stashDetail(sessionId, sha).then(
      (read) => isCurrent && setDetail(read.stash),
      (e: unknown) => isCurrent && setError(errorMessage(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, sha]);
  if (error) return <ErrorText message={error} className="p-2 text-xs" />;
  if (!detail) return <p className="p-2 text-xs text-stone-500">Reading the stash…</p>;
  return (
    <div className="flex flex-col gap-1 border-t border-stone-200 p-2 dark:border-stone-800">
      <ul aria-label="Stashed files" className="flex flex-col font-mono text-xs">
        {detail.files.map((file) => (
          <li key={file.path} className="flex gap-2">
            <span className="w-4 text-stone-500">{file.status}</span>
            <span className="min-w-0 flex-1 truncate">{file.path}</span>
            {file.isBinary ? <span className="text-stone-500">binary</span> : <span className="text-stone-500">+{file.additions} −{file.deletions}</span>}
          </li>
        ))}
      </ul>
      <pre aria-label="Stashed patch" className="max-h-80 overflow-auto rounded bg-stone-50 p-2 text-xs dark:bg-stone-900">{detail.patch}</pre>
      {detail.isTruncated ? <p className="text-xs text-stone-500">The patch is cut here; the stash holds all of it.</p> : null}
    </div>
  );
}
