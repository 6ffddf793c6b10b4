import { useShallow } from "zustand/react/shallow";
import type { Run } from "../../../../shared/index.ts";
import { useServerSetting } from "../../lib/use-server-setting.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { queuedReason, type QueuedReason } from "./queued-reason.ts";

/** Why a queued run waits, live from the runs this device knows and the pool's size (asked once per use). */
export function useQueuedReason(run: Run): QueuedReason | null {
  const runs = useJobsStore(useShallow((s) => Object.values(s.runs)));
  const { value: concurrency } = useServerSetting("jobConcurrency");
  return queuedReason(run, runs, concurrency);
}
