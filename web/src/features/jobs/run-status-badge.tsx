import type { RunStatus } from "../../../../shared/index.ts";
import { RUN_STATUS_CLASSES, RUN_STATUS_LABELS } from "./job-labels.ts";

/** A run's state as a small coloured label. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${RUN_STATUS_CLASSES[status]}`}>{RUN_STATUS_LABELS[status]}</span>;
}
