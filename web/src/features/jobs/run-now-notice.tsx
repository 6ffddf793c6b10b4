import type { Run } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { formatTime } from "./job-labels.ts";
import { ScreenLink } from "../../components/route-link.tsx";

/** What Run now answers: the run it queued (or moved up) and the job's run still running that it waits for. */
export type RunNowAnswer = { run: Run; waitsFor: Run | null; wasWaiting: boolean };

/**
 * Says what Run now did when it could not start a run at once: runs of one job never run side by side, so it waits for
 * the one running (named, one tap away); and a run already waiting is moved up rather than a second one queued.
 */
export function RunNowNotice({ answer, onDismiss }: { answer: RunNowAnswer; onDismiss: () => void }) {
  const { waitsFor, wasWaiting } = answer;
  if (!waitsFor && !wasWaiting) return null;
  const what = wasWaiting ? "A run of this job was already waiting, so no second one was queued" : "Queued";
  const when = waitsFor
    ? `it starts when the run ${waitsFor.status === "waiting" ? "waiting for you" : "running"} since ${formatTime(waitsFor.startedAt ?? waitsFor.queuedAt)} ends.`
    : "it starts as soon as the pool has a free slot.";
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-sky-50 p-2 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200">
      <p className="min-w-0 flex-1 basis-52">{what}: {when}</p>
      {waitsFor ? <ScreenLink route={{ view: "run", id: waitsFor.id }} className={buttonLook("secondary")}>Open the running run</ScreenLink> : null}
      <Button variant="ghost" onClick={onDismiss}>Dismiss</Button>
    </div>
  );
}
