import type { PullRequest, Session, SessionId } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { prBaseElsewhere, usePullRequestStore } from "../../stores/pull-request-store.ts";
import { useSectionActions, type ActionReport } from "./action-report.ts";

/**
 * Says when the session compares against one base while its open PR merges into another on GitHub (after "Change it
 * here only", or a base changed on github.com): the diff and "behind" the user reads are not what GitHub merges. With
 * GitHub connected, one action moves the PR onto the session's base — the same update a base change makes (ADR 0158);
 * without it, the way to connect. Nothing while they agree. A failure goes to `report`.
 */
export function PullRequestBaseNote({ pr, session, isConnected, report }: { pr: PullRequest; session: Session; isConnected: boolean | null; report: ActionReport }) {
  const { note, isBusy, act } = useSectionActions(report);
  const elsewhere = prBaseElsewhere(pr, session.baseBranch);
  const noteLine = note ? <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{note}</p> : null;
  if (!elsewhere || !session.baseBranch) return noteLine;
  const base = session.baseBranch;
  const move = async () => {
    const { pullRequest } = await workspacesApi.changeBaseBranch(session.id as SessionId, base);
    if (pullRequest) usePullRequestStore.getState().set(session.id, pullRequest);
  };
  return (
    <div role="note" aria-label="Pull request base" className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
      <p className="text-sm text-amber-900 dark:text-amber-200">
        This PR merges into {elsewhere} on GitHub; this session compares against {base}.
        {isConnected === false ? ` Connect GitHub to move #${pr.number} onto ${base}.` : ""}
      </p>
      {isConnected === false ? (
        <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary", "self-start")}>
          Connect GitHub
        </ScreenLink>
      ) : (
        <Button className="self-start" disabled={isBusy} onClick={() => act("move base", move, `Pull request #${pr.number} now merges into ${base} on GitHub.`)}>
          Move #{pr.number} onto {base}
        </Button>
      )}
    </div>
  );
}
