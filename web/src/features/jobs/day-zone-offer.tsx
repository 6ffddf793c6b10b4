import type { Job, JobId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { useAction } from "./use-action.ts";

/**
 * "Use my time zone" for a day interval saved before jobs kept a zone (ADR 0120): its days follow the server's clocks,
 * so after a clock change it ran at another time on a device in another zone. One tap gives it this device's zone;
 * the server keeps its next run, so the schedule does not move.
 */
export function DayZoneOffer({ job }: { job: Job }) {
  const action = useAction();
  const { schedule } = job;
  if (schedule.kind !== "interval" || schedule.unit !== "days" || schedule.timezone) return null;
  const zone = userTimeZone();
  const adopt = () => action.run(() => jobsApi.updateJob(job.id as JobId, { schedule: { ...schedule, timezone: zone } }));
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600 dark:text-stone-400">
      <p className="min-w-60 flex-1">Saved before jobs kept a time zone: its days follow the server's clocks, which may change at other dates than yours.</p>
      <Button disabled={action.isBusy} onClick={() => void adopt()}>Use my time zone ({zone})</Button>
      {action.error ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{action.error}</p> : null}
    </div>
  );
}
