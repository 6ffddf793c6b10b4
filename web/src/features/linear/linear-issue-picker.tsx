import { useEffect, useRef, useState } from "react";
import type { LinearIssue, LinearTeam } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { linearApi } from "./linear-api.ts";
import { LinearStateBadge } from "./linear-state-badge.tsx";

const FIELD = "min-h-11 min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** My open Linear issues or a team's, searchable by title; `onPick` gets the chosen one (`actionLabel` names the button). */
export function LinearIssuePicker({ actionLabel, onPick }: { actionLabel: string; onPick: (issue: LinearIssue) => void }) {
  const [teams, setTeams] = useState<LinearTeam[]>([]);
  const [teamId, setTeamId] = useState("");
  const [query, setQuery] = useState("");
  const [issues, setIssues] = useState<LinearIssue[] | null>(null);
  // Linear answers a page at a time: the cursor of the next page, null when this is all.
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  /** Shows a page's issues (after those shown, for a next page) unless a newer search or team answers instead. */
  const show = (request: number, isNextPage: boolean) => ({ issues: found, nextCursor: next }: { issues: LinearIssue[]; nextCursor: string | null }) => {
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
      .then(show(request, Boolean(after)), (e: unknown) => request === latest.current && setError(errorMessage(e)))
      .finally(() => request === latest.current && setLoadingMore(false));
  };
  useEffect(() => {
    linearApi.teams().then(({ teams: t }) => setTeams(t), (e: unknown) => setError(errorMessage(e)));
    linearApi.issues({}).then(show(++latest.current, false), (e: unknown) => setError(errorMessage(e)));
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
                <p className="truncate text-sm">
                  <span className="font-mono text-xs text-stone-500">{issue.identifier}</span> {issue.title}
                </p>
                <LinearStateBadge issue={issue} />
              </div>
              <Button aria-label={`${actionLabel} ${issue.identifier}`} onClick={() => onPick(issue)}>
                {actionLabel}
              </Button>
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
    </div>
  );
}
