import { useEffect, useId, useRef, useState } from "react";
import { plural, type GitOperation, type SessionId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { readStored, useStoredText, writeStored } from "../../lib/use-stored-text.ts";
import { gitApi } from "./git-api.ts";

/**
 * `stagedCount`, `changedCount` (staged and not): null while the changes are still being read (the server judges then).
 * `pushedTo`: the upstream that already has the last commit (null: not pushed, or no upstream).
 * `operation`: the session's running or last git operation, as every device sees it (a commit running shows here).
 */
type Props = {
  sessionId: SessionId;
  stagedCount: number | null;
  changedCount?: number | null;
  pushedTo?: string | null;
  busy: string | null;
  operation?: GitOperation | null;
  error?: string | null;
  run: <T>(label: string, action: () => Promise<T>) => Promise<T | undefined>;
  /** After a commit (or amend) went through: its sha, its subject, whether it amended. */
  onCommitted?: (commit: { sha: string; subject: string; isAmend: boolean }) => void;
};

/** The labels of the commit box's actions (`run`'s first argument): their failures show in the box. */
export const COMMIT_BOX_ACTIONS = ["draft", "last message", "commit"];

/** The commit message (drafted by Claude on request, always editable), Amend, and Commit; below them, why one failed. */
export function CommitBox({ sessionId, stagedCount, changedCount = null, pushedTo = null, busy, operation = null, error = null, run, onCommitted }: Props) {
  // Kept per session on this device: looking at another tab or reloading before committing loses none of it.
  const [message, setMessage] = useStoredText(`chatml.commit-message.${sessionId}`);
  const [isAmend, setAmend] = useState(false);
  /**
   * The last commit's message as Amend filled it in (kept beside the draft): unticking Amend takes it back unless the
   * user changed it, and so does a reload, which comes back with Amend off.
   */
  const fillKey = `chatml.commit-message-from-amend.${sessionId}`;
  const filledByAmend = useRef<string | null>(readStored(fillKey));
  const rememberFill = (text: string | null) => {
    filledByAmend.current = text;
    writeStored(fillKey, text);
  };
  useEffect(() => {
    if (filledByAmend.current !== null && message === filledByAmend.current) setMessage("");
    rememberFill(null);
    // Once, as the box opens with Amend off; later changes of the message are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const draft = async () => {
    const answer = await run("draft", () => gitApi.draftMessage(sessionId));
    if (answer) setMessage(answer.message);
  };
  const toggleAmend = async (next: boolean) => {
    setAmend(next);
    if (!next && filledByAmend.current !== null && message === filledByAmend.current) setMessage("");
    rememberFill(null);
    if (next && !message.trim()) {
      const last = await run("last message", () => gitApi.lastMessage(sessionId));
      if (last) {
        setMessage(last.message);
        rememberFill(last.message);
      }
    }
  };
  const reasonId = useId();
  const cannotCommit = whyNotCommit({ message, isAmend, stagedCount, changedCount });
  const cannotDraft = changedCount === 0 ? "There are no changes for Claude to describe." : null;
  // A commit another device started counts too: its hooks hold the repository until they end or are stopped.
  const isCommitting = busy === "commit" || (operation?.kind === "commit" && operation.status === "running");
  const commit = async () => {
    const done = await run("commit", () => gitApi.commit(sessionId, { message, isAmend }));
    if (done) {
      setMessage("");
      setAmend(false);
      onCommitted?.({ sha: done.sha, subject: message.trim().split("\n")[0] ?? "", isAmend });
    }
  };
  return (
    <section aria-label="Commit" className="flex flex-col gap-2">
      <label className="flex flex-col gap-1 text-sm font-semibold">
        Commit message
        <textarea
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          rows={3}
          placeholder={stagedCount ? `Describe ${plural(stagedCount, "staged file")}, or let Claude draft it` : changedCount === 0 ? "No changes to commit" : "Stage files or hunks first"}
          className="rounded-lg border border-stone-300 bg-white p-2 font-mono text-sm font-normal dark:border-stone-700 dark:bg-stone-950"
        />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void draft()} disabled={busy !== null || cannotDraft !== null} aria-describedby={cannotDraft ? `${reasonId}-draft` : undefined}>
          {busy === "draft" ? "Drafting…" : "Draft with Claude"}
        </Button>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" checked={isAmend} onChange={(e) => void toggleAmend(e.target.checked)} className="size-5" />
          Amend last commit
        </label>
        <span className="flex-1" />
        <Button variant="primary" onClick={() => void commit()} disabled={busy !== null || isCommitting || cannotCommit !== null} aria-describedby={cannotCommit ? reasonId : undefined}>
          {isCommitting ? "Committing…" : isAmend ? "Amend" : "Commit"}
        </Button>
      </div>
      {operation?.kind === "commit" && operation.status === "running" ? <CommitRunning onStop={() => void gitApi.cancel(sessionId)} /> : null}
      {/* Said before, not after: the amended commit then diverges from the pushed one, and only a force push sends it. */}
      {isAmend && pushedTo ? (
        <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="amend-pushed-note">
          The last commit is already on {pushedTo}: once amended, only a force push replaces it there.
        </p>
      ) : null}
      {cannotDraft ? (
        <p id={`${reasonId}-draft`} className="sr-only">
          {cannotDraft}
        </p>
      ) : null}
      {cannotCommit ? (
        <p id={reasonId} className="text-right text-xs text-stone-500">
          {cannotCommit}
        </p>
      ) : null}
      <ErrorText message={error} className="whitespace-pre-wrap rounded-lg bg-red-50 p-2 font-mono text-xs dark:bg-red-950" />
    </section>
  );
}

/**
 * A commit in progress, which its hooks (a linter, a test run) can make long, or endless: said where the user pressed
 * Commit, with a way to stop it (the hooks with it) that loses nothing.
 */
function CommitRunning({ onStop }: { onStop: () => void }) {
  return (
    <div role="status" aria-label="Commit running" className="flex flex-wrap items-center gap-2 rounded-lg bg-stone-100 p-2 text-sm dark:bg-stone-800">
      <span className="min-w-0 flex-1">Committing: the repository’s hooks are running…</span>
      <Button variant="danger" onClick={onStop}>
        Stop commit
      </Button>
    </div>
  );
}

/**
 * Why Commit cannot be pressed, or null. Said beside the button before it is pressed (it used to be said only by the
 * server's refusal). Amending with nothing staged is legitimate: it rewords the last commit.
 */
function whyNotCommit({ message, isAmend, stagedCount, changedCount }: { message: string; isAmend: boolean; stagedCount: number | null; changedCount: number | null }): string | null {
  if (!isAmend && changedCount === 0) return "There are no uncommitted changes to commit.";
  if (!isAmend && stagedCount === 0) return "Nothing is staged: stage files or hunks (or Stage all) to commit them.";
  if (!message.trim()) return isAmend ? "Write the amended commit's message first." : "Write a commit message first, or let Claude draft it.";
  return null;
}
