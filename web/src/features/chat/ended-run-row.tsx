import type { ConversationId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useRunOfConversation } from "./run-of-conversation.ts";

/**
 * The end of a job run's conversation: a run is the job's, not a chat to go on, so it offers what a run is for — its
 * summary and the job — instead of "Send a message to resume". Run again is the composer's notice's, always in view
 * there once the run has ended (ADR 0150): two of it on one screen asked which one to press. The run comes from the
 * page's jobs store (each job's newest runs) or, for an older run, from the server.
 */
export function EndedRunRow({ conversationId, jobId }: { conversationId: ConversationId; jobId: string | null }) {
  const go = useNavStore((s) => s.go);
  const run = useRunOfConversation(conversationId, jobId);
  const ownJobId = jobId ?? run?.jobId ?? null;
  const job = useJobsStore((s) => (ownJobId ? s.jobs[ownJobId] : undefined));
  const openJob = () => go(job?.goalId ? { view: "goal", id: job.goalId } : { view: "jobs" });
  const name = job?.name ?? run?.jobName;
  return (
    <div className="mt-1 flex flex-col gap-2 text-xs">
      <p className="opacity-80">{name ? `A run of the job “${name}”.` : "A run of a job."}</p>
      <div className="flex flex-wrap gap-2">
        {run && run.endedAt !== null ? <Button onClick={() => go({ view: "run", id: run.id })}>See the run&apos;s summary</Button> : null}
        {job ? <Button onClick={openJob}>Open the job</Button> : null}
      </div>
    </div>
  );
}
