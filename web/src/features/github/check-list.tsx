import { useState } from "react";
import type { CheckRun, ConversationId, PullRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import type { ActionReport } from "./action-report.ts";
import { githubApi } from "./github-api.ts";
import { JobLog } from "./job-log.tsx";
import { SentToClaudeNote } from "./sent-to-claude-note.tsx";

/** A check's status in one word, with its colour. */
export function checkLabel(check: Pick<CheckRun, "status" | "conclusion">): { text: string; className: string } {
  if (check.status !== "completed") return { text: check.status === "in_progress" ? "Running" : "Queued", className: "text-amber-700 dark:text-amber-400" };
  if (check.conclusion === "success") return { text: "Passed", className: "text-emerald-700 dark:text-emerald-400" };
  if (check.conclusion === "skipped" || check.conclusion === "neutral") return { text: "Skipped", className: "text-stone-500" };
  return { text: check.conclusion === "failure" ? "Failed" : (check.conclusion ?? "Done"), className: "text-red-700 dark:text-red-400" };
}

/**
 * Every check run of the PR's head commit; a failed Actions job opens its log, goes to Claude, or re-runs (a failure
 * goes to `report`). None: nothing, since the badges above say "No checks" (the card said it twice).
 */
export function CheckList({ pr, report }: { pr: PullRequest; report: ActionReport }) {
  if (pr.checks.length === 0) return null;
  return (
    <ul aria-label="Checks" className="flex flex-col divide-y divide-stone-200 dark:divide-stone-800">
      {pr.checks.map((check) => (
        <CheckRow key={check.id} pr={pr} check={check} report={report} />
      ))}
    </ul>
  );
}

function CheckRow({ pr, check, report }: { pr: PullRequest; check: CheckRun; report: ActionReport }) {
  const [isLogOpen, setLogOpen] = useState(false);
  const [note, setNote] = useState<{ text: string; conversationId: ConversationId | null } | null>(null);
  const label = checkLabel(check);
  const isFailed = check.status === "completed" && !["success", "skipped", "neutral"].includes(check.conclusion ?? "");
  const isActionable = isFailed && (pr.state === "open" || pr.state === "draft");
  const act = (name: string, run: () => Promise<unknown>, done: string) => {
    const action = `${name} ${check.name}`;
    run().then(
      (answer) => (setNote({ text: done, conversationId: conversationOf(answer) }), report.succeeded(action)),
      (e: unknown) => report.failed(action, e),
    );
  };
  return (
    <li data-testid="check-row" data-status={label.text} className="flex flex-col gap-1 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium">{check.name}</span>
        <span className={`text-xs font-semibold ${label.className}`}>{label.text}</span>
      </div>
      {check.jobId !== null ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" aria-expanded={isLogOpen} onClick={() => setLogOpen(!isLogOpen)}>
            {isLogOpen ? "Hide log" : `View log of ${check.name}`}
          </Button>
          {isActionable ? (
            <>
              <Button variant="primary" onClick={() => act("send failure", () => githubApi.sendToClaude(pr.sessionId, check.jobId as number), "Sent to Claude in the task conversation.")}>
                Send failure to Claude
              </Button>
              <Button onClick={() => act("re-run", () => githubApi.rerun(pr.sessionId, check.jobId as number), "Re-run requested.")}>Re-run failed jobs</Button>
            </>
          ) : null}
        </div>
      ) : null}
      {note ? <SentToClaudeNote text={note.text} conversationId={note.conversationId} /> : null}
      {isLogOpen && check.jobId !== null ? <JobLog sessionId={pr.sessionId} jobId={check.jobId} name={check.name} /> : null}
    </li>
  );
}

/** The conversation an action's answer says it sent to (Send failure to Claude's), else null. */
function conversationOf(answer: unknown): ConversationId | null {
  return answer && typeof answer === "object" && "conversationId" in answer ? (answer.conversationId as ConversationId) : null;
}
