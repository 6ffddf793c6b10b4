import type { ScheduleSpec } from "../../../../shared/index.ts";

const field = "min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Every zone this browser knows (the current one kept even if it does not list it). */
function zonesWith(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return known.includes(current) ? known : [current, ...known];
}

/** The zone whose clocks a day interval or a cron schedule keeps, to pick from the browser's list. */
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

type DaySchedule = Extract<ScheduleSpec, { kind: "interval" }>;

/**
 * "at [09:00]" for every N days (ADR 0131). Left empty, the days keep the time the job is saved (or its plan approved)
 * at, and the field says so rather than leaving the time to guess.
 */
export function TimeOfDayField({ label, value, onChange }: { label: string; value: DaySchedule; onChange: (next: ScheduleSpec) => void }) {
  const change = (text: string) => {
    const { at: _previous, ...rest } = value;
    onChange(text ? { ...rest, at: text } : rest);
  };
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>at</span>
      <input type="time" aria-label={`${label}: time of day`} value={value.at ?? ""} onChange={(e) => change(e.target.value)} className={`${field} w-28`} />
      {value.at ? null : <span className="text-xs text-stone-500">the time it is saved</span>}
    </label>
  );
}
