import { useEffect, useState } from "react";
import type { GithubIssue, Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { openStartedSession, sessionThatHasIt } from "../sessions/open-started-session.ts";
import { githubApi } from "./github-api.ts";

const FIELD = "min-h-11 min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Start a session from a pull request, a remote branch or an issue of the workspace's GitHub repository; archive on merge. */
export function StartFromGithub({ workspace }: { workspace: Workspace }) {
  const [pr, setPr] = useState("");
  const [branch, setBranch] = useState("");
  const [query, setQuery] = useState("");
  const [issues, setIssues] = useState<GithubIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const id = workspace.id as WorkspaceId;
  const go = useNavStore((s) => s.go);
  const start = (input: Parameters<typeof githubApi.start>[0]) => {
    setError(null);
    githubApi.start(input).then(openStartedSession, (e: unknown) => {
      // The issue has a session already: open it (the error named it, with nowhere to go).
      const existing = sessionThatHasIt(e);
      if (existing) go({ view: "session", id: existing });
      else setError(errorMessage(e));
    });
  };
  const search = () => githubApi.issues(id, query).then(({ issues: found }) => setIssues(found), (e: unknown) => setError(errorMessage(e)));
  if (!workspace.isGitRepo) return null;
  return (
    <details className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-semibold">Start from GitHub</summary>
      <div className="flex flex-col gap-3 pt-2">
        <form className="flex gap-2" onSubmit={(e) => (e.preventDefault(), start({ from: "pullRequest", workspaceId: id, pullRequest: pr }))}>
          <input aria-label="Pull request number or URL" className={FIELD} value={pr} onChange={(e) => setPr(e.target.value)} placeholder="#123 or https://github.com/…/pull/123" />
          <Button type="submit" disabled={!pr.trim()}>Open PR</Button>
        </form>
        <form className="flex gap-2" onSubmit={(e) => (e.preventDefault(), start({ from: "branch", workspaceId: id, branch }))}>
          <input aria-label="Remote branch" className={FIELD} value={branch} onChange={(e) => setBranch(e.target.value)} placeholder="origin/feature-x" />
          <Button type="submit" disabled={!branch.trim()}>Use branch</Button>
        </form>
        <form className="flex gap-2" onSubmit={(e) => (e.preventDefault(), void search())}>
          <input aria-label="Search issues" type="search" className={FIELD} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search open issues" />
          <Button type="submit">Search</Button>
        </form>
        {issues.length > 0 ? (
          <ul className="flex flex-col gap-1">
            {issues.map((issue) => (
              <li key={issue.number}>
                <Button variant="ghost" className="w-full justify-start text-left" onClick={() => start({ from: "issue", workspaceId: id, issue: issue.number })}>
                  #{issue.number} {issue.title}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        <ArchiveOnMerge workspaceId={id} />
        <ErrorText message={error} />
      </div>
    </details>
  );
}

function ArchiveOnMerge({ workspaceId }: { workspaceId: WorkspaceId }) {
  const [isOn, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    githubApi.workspaceSettings(workspaceId).then(({ settings }) => setOn(settings.archiveOnMerge), (e: unknown) => setError(errorMessage(e)));
  }, [workspaceId]);
  const change = (next: boolean) => githubApi.setArchiveOnMerge(workspaceId, next).then(({ settings }) => setOn(settings.archiveOnMerge), (e: unknown) => setError(errorMessage(e)));
  return (
    <>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="size-5" checked={isOn ?? false} disabled={isOn === null} onChange={(e) => void change(e.target.checked)} />
        Archive a session when its pull request is merged
      </label>
      <ErrorText message={error} />
    </>
  );
}
