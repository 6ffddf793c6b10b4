import type { RunStatus } from "../../../../shared/index.ts";
import { lastKnownShort } from "../../lib/last-known.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";
import { isRunActive, RUN_STATUS_CLASSES, RUN_STATUS_LABELS } from "./job-labels.ts";

/**
 * A run's state as a small coloured label. While the connection is lost a run not ended is only last known to be
 * queued, running or waiting (ADR 0174): it may have ended since. An ended run's state does not change on its own.
 */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const isLastKnown = useIsConnectionLost() && isRunActive(status);
  const label = isLastKnown ? lastKnownShort(RUN_STATUS_LABELS[status]) : RUN_STATUS_LABELS[status];
  return (
    <span data-testid="run-status" data-last-known={isLastKnown || undefined} className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${RUN_STATUS_CLASSES[status]}`}>
      {label}
    </span>
  );
}
