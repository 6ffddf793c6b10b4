import { useEffect, useId, useState } from "react";
import { BASE_CHANGE_NEEDS_GITHUB } from "../../../../shared/api/integrations.ts";
import type { Session, SessionId } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { prBaseElsewhere, usePullRequestStore } from "../../stores/pull-request-store.ts";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";
type Choices = { local: string[]; originOnly: string[] };

/**
 * The branch the session's diff, "behind", PR base and fast-forward compare against, and a way to change it: the
 * repository's branches (local, and those only on origin) to pick from; the server checks the pick and moves an open
 * PR onto it on GitHub (ADR 0158). There was no way to change it after the session was made. With GitHub not
 * connected, a change an open PR must follow offers to change it here only or to reconnect; a PR left on another base
 * is said under the field.
 */
export function SessionBaseBranch({ session }: { session: Session }) {
  const [choices, setChoices] = useState<Choices | null>(null);
  const [picked, setPicked] = useState(session.baseBranch ?? "");
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [needsGithub, setNeedsGithub] = useState(false);
  const pullRequest = usePullRequestStore((s) => s.bySession[session.id] ?? null);
  const fieldId = useId();
  useEffect(() => {
    workspacesApi.branches(session.workspaceId).then(
      ({ branches, originOnly }) => setChoices({ local: branches.filter((b) => b !== session.branch), originOnly }),
      (e: unknown) => setError(`The branches could not be listed: ${errorMessage(e)}`),
    );
  }, [session.workspaceId, session.branch]);
  if (!session.branch) return null;
  const change = (isHereOnly = false) => {
    setBusy(true);
    setError(null);
    setNote(null);
    setNeedsGithub(false);
    workspacesApi
      .changeBaseBranch(session.id as SessionId, picked, isHereOnly)
      .then(({ pullRequest: after }) => {
        if (after) usePullRequestStore.getState().set(session.id, after);
        const isOpen = after && (after.state === "open" || after.state === "draft");
        // A PR left on its base is said by the note under the field (for as long as it lasts), not twice.
        const pr = isOpen && after.baseRef === picked ? ` Pull request #${after.number} now merges into ${after.baseRef} on GitHub.` : "";
        setNote(`The base is ${picked} now: the diff, "behind" and the next pull request compare against it.${pr}`);
      }, (e: unknown) => {
        setError(errorMessage(e));
        setNeedsGithub(e instanceof ApiError && (e.details as { reason?: string } | undefined)?.reason === BASE_CHANGE_NEEDS_GITHUB);
      })
      .finally(() => setBusy(false));
  };
  const prElsewhere = prBaseElsewhere(pullRequest, session.baseBranch);
  const isKnown = (name: string) => choices === null || choices.local.includes(name) || choices.originOnly.includes(name);
  return (
    <section aria-label="Base branch" className="flex flex-col gap-2 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <label htmlFor={fieldId} className="text-sm font-medium">
        Base branch <span className="font-normal text-stone-500">(now {session.baseBranch ?? "none"})</span>
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select id={fieldId} className={`${FIELD} sm:w-auto sm:flex-1`} value={picked} onChange={(e) => (setPicked(e.target.value), setNote(null))} disabled={choices === null}>
          {isKnown(picked) ? null : <option value={picked}>{picked}</option>}
          {choices?.local.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
          {choices && choices.originOnly.length > 0 ? (
            <optgroup label="Only on origin">
              {choices.originOnly.map((b) => (
                <option key={`origin/${b}`} value={b}>
                  origin/{b}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        <Button variant="primary" disabled={isBusy || !picked || picked === session.baseBranch} onClick={() => change()}>
          {isBusy ? <Spinner /> : null} Change base
        </Button>
      </div>
      {note ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {note}
        </p>
      ) : null}
      <ErrorText message={error} />
      {needsGithub ? (
        <div className="flex flex-wrap gap-2">
          <Button disabled={isBusy} onClick={() => change(true)}>
            Change it here only
          </Button>
          <ScreenLink route={{ view: "integrations" }} className={buttonLook("ghost")}>
            Connect GitHub
          </ScreenLink>
        </div>
      ) : null}
      {pullRequest && prElsewhere ? (
        // "Change the base again" could not move it: Change base is off for the base the session has.
        <p role="note" aria-label="The pull request's base" className="text-sm text-amber-800 dark:text-amber-300">
          Pull request #{pullRequest.number} still merges into {prElsewhere} on GitHub; this session compares against {session.baseBranch}. Its pull request card moves it once GitHub is connected.
        </p>
      ) : null}
    </section>
  );
}
