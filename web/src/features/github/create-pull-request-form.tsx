import { useEffect, useId, useRef, useState } from "react";
import type { GitOperation, Session } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { BRANCH_DIVERGED_FROM_GITHUB } from "../../../../shared/api/integrations.ts";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { readStored, useStoredText } from "../../lib/use-stored-text.ts";
import { selectGitOperation, useGitOperationsStore } from "../../stores/git-operations-store.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { githubApi } from "./github-api.ts";
import { PullBeforeCreate } from "./pull-before-create.tsx";
import { DOT } from "../../lib/dot-join.ts";

const FIELD = "w-full rounded-lg border border-stone-300 bg-white p-2 text-sm dark:border-stone-700 dark:bg-stone-900";
const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** Title and description drafted by Claude (editable), base, draft or ready, reviewers and labels. */
export function CreatePullRequestForm({ session, onDone }: { session: Session; onDone: () => void }) {
  // Title and description are kept per session on this device until the pull request is made.
  const titleKey = `chatml.pr-title.${session.id}`;
  const bodyKey = `chatml.pr-description.${session.id}`;
  const [title, setTitle, forgetTitle] = useStoredText(titleKey, session.title ?? session.name);
  const [body, setBody, forgetBody] = useStoredText(bodyKey);
  // Entered, typed in or drafted by Claude: the commit defaults arriving after give way to it (a field the user is in
  // would otherwise change under the caret: text typed over a selected title was appended to the defaults' title).
  const touched = useRef({ title: false, body: false });
  useCommitDefaults(session.id, { titleKey, bodyKey, setTitle, setBody, touched });
  const [base, setBase] = useState(session.baseBranch ?? "main");
  const [isDraft, setDraft] = useState(false);
  const [reviewers, setReviewers] = useState("");
  const [labels, setLabels] = useState("");
  const [busy, setBusy] = useState<"drafting" | "creating" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  /** Create was refused because GitHub's copy of the branch went another way: the form offers the pull. */
  const [isDiverged, setDiverged] = useState(false);
  const operation = useGitOperationsStore(selectGitOperation(session.id));
  // Said beside Create, as the commit box says why Commit is off: a bare disabled button left the user guessing.
  const noTitle = title.trim() ? null : "Write a title first, or let Claude draft it.";
  const noTitleId = useId();
  // The tap that opened the form was on a button that went with it, and focus fell to the page: it moves into the form
  // (the form itself, not its Title: a phone's keyboard would rise over the form before the user chose a field).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.focus(), []);
  // A field typed in while Claude drafts keeps its text when the draft comes back; the others take the draft.
  const typedWhileDrafting = useRef({ title: false, body: false });
  const draft = () => {
    setBusy("drafting");
    setError(null);
    typedWhileDrafting.current = { title: false, body: false };
    githubApi
      .draft(session.id)
      .then(({ draft: d }) => {
        if (!typedWhileDrafting.current.title) setTitle(d.title);
        if (!typedWhileDrafting.current.body) setBody(d.body);
        touched.current = { title: true, body: true };
        setBase(d.base);
      }, (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(null));
  };
  // One tap: the server pushes the branch first when GitHub lacks it or its newest commits (the push's progress shows
  // here as the workbench's push reports it); a failed push opens nothing and keeps the form as typed.
  const create = () => {
    setBusy("creating");
    setError(null);
    setNote(null);
    setDiverged(false);
    githubApi
      .create(session.id, { title, body, base, isDraft, reviewers: list(reviewers), labels: list(labels) })
      .then(({ pullRequest }) => {
        usePullRequestStore.getState().set(session.id, pullRequest);
        forgetTitle();
        forgetBody();
        onDone();
      }, (e: unknown) => (setError(errorMessage(e)), setDiverged(e instanceof ApiError && (e.details as { reason?: string } | undefined)?.reason === BRANCH_DIVERGED_FROM_GITHUB)))
      .finally(() => setBusy(null));
  };
  return (
    <form ref={formRef} tabIndex={-1} aria-label="Create pull request" className="flex flex-col gap-2 outline-none" onSubmit={(e) => (e.preventDefault(), create())}>
      <Button onClick={draft} disabled={busy !== null} className="self-start">
        {busy === "drafting" ? <Spinner /> : null} Draft with Claude
      </Button>
      <label className="text-xs font-medium">
        Title
        <input className={FIELD} value={title} onFocus={() => (touched.current.title = true)} onChange={(e) => (setTitle(e.target.value), (touched.current.title = true), (typedWhileDrafting.current.title = busy === "drafting"))} required maxLength={256} />
      </label>
      <label className="text-xs font-medium">
        Description
        <textarea className={`${FIELD} min-h-40 font-mono`} value={body} onFocus={() => (touched.current.body = true)} onChange={(e) => (setBody(e.target.value), (touched.current.body = true), (typedWhileDrafting.current.body = busy === "drafting"))} />
      </label>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        <label className="text-xs font-medium">
          Base branch
          <input className={FIELD} value={base} onChange={(e) => setBase(e.target.value)} required />
        </label>
        <label className="text-xs font-medium">
          Reviewers (optional)
          <input className={FIELD} value={reviewers} onChange={(e) => setReviewers(e.target.value)} placeholder="login, login" />
        </label>
        <label className="text-xs font-medium">
          Labels (optional)
          <input className={FIELD} value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="bug, ui" />
        </label>
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="size-5" checked={isDraft} onChange={(e) => setDraft(e.target.checked)} /> Open as a draft
      </label>
      <ErrorText message={error} />
      {isDiverged ? <PullBeforeCreate session={session} onPulled={(said) => (setError(null), setDiverged(false), setNote(said))} onFailed={(e) => setError(errorMessage(e))} /> : null}
      {note ? <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">{note}</p> : null}
      {busy === "creating" ? <CreateProgress branch={session.branch ?? ""} operation={operation} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={busy !== null || noTitle !== null} aria-describedby={noTitle ? noTitleId : undefined}>
          {busy === "creating" ? <Spinner /> : null} Create pull request
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {noTitle ? (
        <p id={noTitleId} className="text-xs text-stone-500">
          {noTitle}
        </p>
      ) : null}
    </form>
  );
}

/**
 * Fills the title and description from the branch's commits as GitHub's own form does (a single commit's subject and
 * body), once, where this device keeps no text of its own for them and nothing was typed or drafted meanwhile.
 */
type DefaultsTarget = { titleKey: string; bodyKey: string; setTitle: (text: string) => void; setBody: (text: string) => void; touched: { current: { title: boolean; body: boolean } } };

function useCommitDefaults(sessionId: string, { titleKey, bodyKey, setTitle, setBody, touched }: DefaultsTarget) {
  useEffect(() => {
    const isKept = { title: readStored(titleKey) !== null, body: readStored(bodyKey) !== null };
    let isCurrent = true;
    githubApi.defaults(sessionId).then(
      ({ defaults }) => {
        if (!isCurrent) return;
        if (!isKept.title && !touched.current.title) setTitle(defaults.title);
        if (!isKept.body && !touched.current.body) setBody(defaults.body);
      },
      (error: unknown) => console.warn("chatml: the pull request's defaults", errorMessage(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, titleKey, bodyKey, setTitle, setBody, touched]);
}

/** While the PR is being made: the push's stage and percent while it pushes (as git reports them), then the creating. */
function CreateProgress({ branch, operation }: { branch: string; operation: GitOperation | null }) {
  const isPushing = operation?.kind === "push" && operation.status === "running";
  return (
    <p role="status" className="text-sm text-stone-600 dark:text-stone-400">
      {isPushing ? `Pushing ${branch} to GitHub${operation.stage ? `${DOT}${operation.stage} ${operation.percent ?? 0}%` : "…"}` : "Creating the pull request…"}
    </p>
  );
}
