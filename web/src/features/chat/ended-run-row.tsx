import type { ConversationId } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useRunOfConversation } from "./run-of-conversation.ts";

/**
 * The end of a job run's conversation: a run is the job's, not a chat to go on, so it offers what a run is for — its
 * summary and the job — instead of "Send a message to resume". Run again is the composer's notice's, always in view
 * there once the run has ended (ADR 0150): two of it on one screen asked which one to press. The run comes from the
 * page's jobs store (each job's newest runs) or, for an older run, from the server.
 */
export function EndedRunRow({ conversationId, jobId }: { conversationId: ConversationId; jobId: string | null }) {
  const run = useRunOfConversation(conversationId, jobId);
  const ownJobId = jobId ?? run?.jobId ?? null;
  const job = useJobsStore((s) => (ownJobId ? s.jobs[ownJobId] : undefined));
  const name = job?.name ?? run?.jobName;
  return (
    <div className="mt-1 flex flex-col gap-2 text-xs">
      <p className="opacity-80">{name ? `A run of the job “${name}”.` : "A run of a job."}</p>
      <div className="flex flex-wrap gap-2">
        {run && run.endedAt !== null ? (
          <ScreenLink route={{ view: "run", id: run.id }} className={buttonLook("secondary")}>
            See the run&apos;s summary
          </ScreenLink>
        ) : null}
        {job ? (
          <ScreenLink route={job.goalId ? { view: "goal", id: job.goalId } : { view: "jobs" }} className={buttonLook("secondary")}>
            Open the job
          </ScreenLink>
        ) : null}
      </div>
    </div>
  );
}
