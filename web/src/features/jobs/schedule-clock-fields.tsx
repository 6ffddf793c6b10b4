import type { ScheduleSpec } from "../../../../shared/index.ts";
import { userTimeZone } from "../../lib/jobs-api.ts";

const field = "min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Every zone this browser knows (the current one kept even if it does not list it). */
function zonesWith(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return known.includes(current) ? known : [current, ...known];
}

/** The zone whose clocks a cron schedule keeps, to pick from the browser's list. */
export function ZoneSelect({ label, zone, onChange }: { label: string; zone: string; onChange: (zone: string) => void }) {
  return (
    <select aria-label={`${label}: time zone`} value={zone} onChange={(e) => onChange(e.target.value)} className={`${field} min-w-0 max-w-full flex-1 sm:flex-none`}>
      {zonesWith(zone).map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

/**
 * The zone a day interval keeps. One saved without a zone follows the server's clocks (ADR 0120): the list shows that
 * ("Server's zone (UTC)") rather than this device's zone, which it does not follow, and says what picking one does —
 * the server keeps the next run and reads the time of day on the picked zone's clocks from then on (ADR 0130).
 */
export function DayZoneSelect({ label, zone, serverZone, onChange }: { label: string; zone: string | undefined; serverZone: string | null | undefined; onChange: (zone: string | undefined) => void }) {
  const serverOption = serverZone ? `Server's zone (${serverZone})` : "Server's zone";
  return (
    <>
      {/* A row of its own on phones: beside the time and its hint, "Server's zone (…)" was cut to "Server". */}
      <select aria-label={`${label}: time zone`} value={zone ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className={`${field} min-w-0 max-w-full flex-1 basis-full sm:flex-none sm:basis-auto`}>
        {zone === undefined ? <option value="">{serverOption}</option> : null}
        {(zone === undefined ? zonesWith(userTimeZone()) : zonesWith(zone)).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {zone === undefined ? <p className="w-full text-xs text-stone-500">{serverZoneNote(serverZone)}</p> : null}
    </>
  );
}

/** What following the server's clocks means, and what picking a zone changes. */
function serverZoneNote(serverZone: string | null | undefined): string {
  const mine = userTimeZone();
  const follows = serverZone === mine ? "It follows the server's clocks, which are yours today." : "It follows the server's clocks, which may change at other dates than yours.";
  return `${follows} Picking a zone (yours is ${mine}) keeps its next run; from then on its time of day is read on that zone's clocks, even if the server's zone changes.`;
}

type DaySchedule = Extract<ScheduleSpec, { kind: "interval" }>;

/**
 * "at [09:00]" for every N days (ADR 0131). Left empty, the days keep the time the job is saved (or its plan approved)
 * at, and the field says so rather than leaving the time to guess; an edit that keeps a saved job's rhythm keeps the
 * time it runs at now (the server keeps its next run), so it says that instead.
 */
export function TimeOfDayField({ label, value, saved, onChange }: { label: string; value: DaySchedule; saved?: ScheduleSpec; onChange: (next: ScheduleSpec) => void }) {
  const change = (text: string) => {
    const { at: _previous, ...rest } = value;
    onChange(text ? { ...rest, at: text } : rest);
  };
  const keepsItsTime = saved?.kind === "interval" && saved.unit === "days" && saved.every === value.every && saved.at === undefined;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>at</span>
      <input type="time" aria-label={`${label}: time of day`} value={value.at ?? ""} onChange={(e) => change(e.target.value)} className={`${field} w-28`} />
      {value.at ? null : <span className="text-xs text-stone-500">{keepsItsTime ? "the time it runs at now" : "the time it is saved"}</span>}
    </label>
  );
}
