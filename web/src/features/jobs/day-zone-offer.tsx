import type { Job, JobId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { useAction } from "./use-action.ts";
import { useServerZone } from "./use-server-zone.ts";

/**
 * "Use my time zone" for a day interval without a zone (ADR 0120: saved before jobs kept one, or made through the API
 * or a plan without one): its days follow the server's clocks. The offer does not guess which: it was worded as
 * "saved before jobs kept a time zone" on a job made a minute before.
 * On a device in another zone they change at other dates than the device's, so its time moved after a clock change.
 * On a device in the server's zone nothing differs today; the tap then pins the zone, so a server moved to another
 * zone (or a changed TZ) leaves the job's time alone — and the offer says that, not that the clocks differ. The
 * server keeps the job's next run either way (ADR 0130).
 */
export function DayZoneOffer({ job }: { job: Job }) {
  const action = useAction();
  const { schedule } = job;
  const isZoneless = schedule.kind === "interval" && schedule.unit === "days" && !schedule.timezone;
  const serverZone = useServerZone(isZoneless);
  if (!isZoneless || serverZone === undefined) return null;
  const zone = userTimeZone();
  const adopt = () => action.run(() => jobsApi.updateJob(job.id as JobId, { schedule: { ...schedule, timezone: zone } }));
  const isSameZone = serverZone === zone;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600 dark:text-stone-400">
      <p className="min-w-60 flex-1">
        {isSameZone
          ? "This job keeps no time zone of its own: it follows the server's clocks, which show your time today. Pin your zone so its time stays put if the server's time zone changes."
          : "This job keeps no time zone of its own: its days follow the server's clocks, which may change at other dates than yours."}
      </p>
      <Button disabled={action.isBusy} onClick={() => void adopt()}>
        {isSameZone ? `Pin to my time zone (${zone})` : `Use my time zone (${zone})`}
      </Button>
      {action.error ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{action.error}</p> : null}
    </div>
  );
}
