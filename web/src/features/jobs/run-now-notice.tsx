import type { Run } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { formatTime } from "./job-labels.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { poolWords } from "./queued-reason.ts";
import { useQueuedReason } from "./use-queued-reason.ts";

/** What Run now answers: the run it queued (or moved up) and the job's run still running that it waits for. */
export type RunNowAnswer = { run: Run; waitsFor: Run | null; wasWaiting: boolean };

/**
 * Says what Run now did when it could not start a run at once: runs of one job never run side by side, so it waits for
 * the one running (named, one tap away); a run already waiting is moved up rather than a second one queued; and a run
 * queued while other jobs' runs fill the pool says so until it starts (it said nothing, the card only "Queued").
 */
export function RunNowNotice({ answer, onDismiss }: { answer: RunNowAnswer; onDismiss: () => void }) {
  const { waitsFor, wasWaiting } = answer;
  if (!waitsFor && !wasWaiting) return <PoolNotice queued={answer.run} onDismiss={onDismiss} />;
  const what = wasWaiting ? "A run of this job was already waiting, so no second one was queued" : "Queued";
  const when = waitsFor
    ? `it starts when the run ${waitsFor.status === "waiting" ? "waiting for you" : "running"} since ${formatTime(waitsFor.startedAt ?? waitsFor.queuedAt)} ends.`
    : "it starts as soon as the pool has a free slot.";
  return <Notice text={`${what}: ${when}`} waitsFor={waitsFor} onDismiss={onDismiss} />;
}

/** The run Run now queued, while other jobs' runs fill the pool (read live: it goes once the run starts). */
function PoolNotice({ queued, onDismiss }: { queued: Run; onDismiss: () => void }) {
  const live = useJobsStore((s) => s.runs[queued.id]) ?? queued;
  return live.status === "queued" ? <QueuedPoolNotice queued={live} onDismiss={onDismiss} /> : null;
}

/** Asks the server for the pool's size only for a run still queued. */
function QueuedPoolNotice({ queued, onDismiss }: { queued: Run; onDismiss: () => void }) {
  const reason = useQueuedReason(queued);
  return reason?.kind === "pool" ? <Notice text={`Queued: ${poolWords(reason)}`} onDismiss={onDismiss} /> : null;
}

function Notice({ text, waitsFor = null, onDismiss }: { text: string; waitsFor?: Run | null; onDismiss: () => void }) {
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-sky-50 p-2 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200">
      <p className="min-w-0 flex-1 basis-52">{text}</p>
      {waitsFor ? <ScreenLink route={{ view: "run", id: waitsFor.id }} className={buttonLook("secondary")}>Open the running run</ScreenLink> : null}
      <Button variant="ghost" onClick={onDismiss}>Dismiss</Button>
    </div>
  );
}
