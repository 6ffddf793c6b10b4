import { useEffect, useState } from "react";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";

/** A day interval saved without a zone: the preview's `clockZone` for it is the server's zone. */
const ZONELESS_DAYS = { kind: "interval", every: 1, unit: "days" } as const;

/**
 * The server's time zone (whose clocks a day interval saved without a zone keeps, ADR 0120) while `isNeeded`:
 * undefined until known, null if the server could not say.
 */
export function useServerZone(isNeeded: boolean): string | null | undefined {
  const [zone, setZone] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!isNeeded) return;
    let isCurrent = true;
    jobsApi
      .preview(ZONELESS_DAYS, userTimeZone())
      .then((answer) => isCurrent && setZone(answer.clockZone ?? null))
      // Not knowing the server's zone, the places that name it say "the server's zone" alone.
      .catch(() => isCurrent && setZone(null));
    return () => {
      isCurrent = false;
    };
  }, [isNeeded]);
  return zone;
}
