import { useEffect, useRef, useState } from "react";
import type { LinearIssueChoice, LinearTeam } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { routeHash } from "../../stores/nav-store.ts";
import { linearApi } from "./linear-api.ts";
import { LinearStateBadge } from "./linear-state-badge.tsx";

const FIELD = "min-h-11 min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * My open Linear issues or a team's, searchable by title; `onPick` gets the chosen one (`actionLabel` names the button).
 * An issue an active session is linked to says so, with a link to it, and names that session's repository when it is
 * not `workspaceId` (the one the pick is for); `isTakenOffered` false offers only that link.
 */
export function LinearIssuePicker({ actionLabel, onPick, workspaceId, isTakenOffered = true }: { actionLabel: string; onPick: (issue: LinearIssueChoice) => void; workspaceId: string; isTakenOffered?: boolean }) {
  const [teams, setTeams] = useState<LinearTeam[]>([]);
  const [teamId, setTeamId] = useState("");
  const [query, setQuery] = useState("");
  const [issues, setIssues] = useState<LinearIssueChoice[] | null>(null);
  // Linear answers a page at a time: the cursor of the next page, null when this is all.
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Linear refused the key (revoked, or lacking a permission): only a new one, under Integrations, helps. */
  const [isKeyRefused, setKeyRefused] = useState(false);
  const latest = useRef(0);
  const fail = (e: unknown) => (setError(errorMessage(e)), setKeyRefused(e instanceof ApiError && e.code === "forbidden"));
  /** Shows a page's issues (after those shown, for a next page) unless a newer search or team answers instead. */
  const show = (request: number, isNextPage: boolean) => ({ issues: found, nextCursor: next }: { issues: LinearIssueChoice[]; nextCursor: string | null }) => {
    if (request !== latest.current) return;
    setIssues((shown) => (isNextPage && shown ? [...shown, ...found] : found));
    setNextCursor(next);
  };
  const load = (q: string, team: string, after?: string) => {
    const request = ++latest.current;
    setError(null);
    setLoadingMore(Boolean(after));
    linearApi
      .issues({ q: q.trim() || undefined, teamId: team || undefined, after })
      .then(show(request, Boolean(after)), (e: unknown) => request === latest.current && fail(e))
      .finally(() => request === latest.current && setLoadingMore(false));
  };
  const loadTeams = () => linearApi.teams().then(({ teams: t }) => setTeams(t), fail);
  useEffect(() => {
    void loadTeams();
    linearApi.issues({}).then(show(++latest.current, false), fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first page, once, as the picker opens
  }, []);
  return (
    <div className="flex flex-col gap-2">
      <form className="flex flex-wrap gap-2" onSubmit={(e) => (e.preventDefault(), load(query, teamId))}>
        <select aria-label="Whose issues" className={`${FIELD} basis-full sm:basis-auto sm:flex-none`} value={teamId} onChange={(e) => (setTeamId(e.target.value), load(query, e.target.value))}>
          <option value="">My issues</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              Team {t.name}
            </option>
          ))}
        </select>
        <input aria-label="Search Linear issues" type="search" className={FIELD} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search by title" />
        <Button type="submit">Search</Button>
      </form>
      {issues === null ? null : issues.length === 0 ? (
        <p className="text-sm text-stone-500">No open issues here.</p>
      ) : (
        <ul aria-label="Linear issues" className="flex flex-col divide-y divide-stone-200 dark:divide-stone-800">
          {issues.map((issue) => (
            <li key={issue.id} className="flex items-center gap-2 py-1">
              <div className="min-w-0 flex-1">
                {/* Up to three lines: cut to one, a phone showed "Issue number 7 with a rather long…" for every row alike. */}
                <p data-testid="linear-issue-title" title={issue.title} className="line-clamp-3 text-sm break-words">
                  <span className="font-mono text-xs text-stone-500">{issue.identifier}</span> {issue.title}
                </p>
                <LinearStateBadge issue={issue} />
                {issue.takenBy ? <TakenNote takenBy={issue.takenBy} workspaceId={workspaceId} isTakenOffered={isTakenOffered} /> : null}
              </div>
              {issue.takenBy ? (
                <a
                  href={routeHash({ view: "session", id: issue.takenBy.sessionId })}
                  aria-label={`Open ${issue.takenBy.name}, the session on ${issue.identifier}`}
                  className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm font-medium text-accent underline-offset-2 hover:underline"
                >
                  Open
                </a>
              ) : null}
              {issue.takenBy && !isTakenOffered ? null : (
                <Button aria-label={`${actionLabel} ${issue.identifier}`} onClick={() => onPick(issue)}>
                  {actionLabel}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {issues?.length && nextCursor ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Showing the {issues.length} most recently updated; more exist. Search by title, or
          </p>
          <Button disabled={isLoadingMore} onClick={() => load(query, teamId, nextCursor)}>
            {isLoadingMore ? "Loading…" : "Load more issues"}
          </Button>
        </div>
      ) : null}
      <ErrorText message={error} />
      {/* Linear limited or down: the same key is tried again; a refused key is replaced under Integrations. */}
      {error && isKeyRefused ? (
        <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary", "self-start")}>
          Replace the Linear key
        </ScreenLink>
      ) : error ? (
        <Button className="self-start" onClick={() => (teams.length === 0 && void loadTeams(), load(query, teamId))}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** Who has the issue; in another repository, where, and (where Start is not offered) how to work on it here too. */
function TakenNote({ takenBy, workspaceId, isTakenOffered }: { takenBy: NonNullable<LinearIssueChoice["takenBy"]>; workspaceId: string; isTakenOffered: boolean }) {
  const isElsewhere = takenBy.workspaceId !== workspaceId;
  return (
    <p className="text-xs text-stone-600 dark:text-stone-400">
      Taken by {takenBy.name}
      {isElsewhere ? ` in ${takenBy.workspaceName}` : null}
      {isElsewhere && !isTakenOffered ? ". To work on it here too, create a session and link it." : null}
    </p>
  );
}
