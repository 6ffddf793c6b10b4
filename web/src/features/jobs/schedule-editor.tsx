import { useEffect, useEffectEvent, useState } from "react";
import type { ScheduleSpec } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { jobsApi, userTimeZone } from "../../lib/jobs-api.ts";
import { clockChangeNote, formatTime, shortSchedule, yourTimeNote } from "./job-labels.ts";
import { DayZoneSelect, TimeOfDayField, ZoneSelect } from "./schedule-clock-fields.tsx";
import { useServerZone } from "./use-server-zone.ts";

const field = "min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";
type Kind = ScheduleSpec["kind"];
type Unit = Extract<ScheduleSpec, { kind: "interval" }>["unit"];

/**
 * Edits a schedule (once / every N / cron) and shows it in words with its next fire times, from the server, or why it
 * cannot fire (`onProblem` hears that too, so a form can hold back a save the server would refuse for the same reason).
 * `saved` is the schedule of the job being edited, if any.
 */
export function ScheduleEditor({ value, saved, onChange, label, onProblem }: { value: ScheduleSpec; saved?: ScheduleSpec; onChange: (next: ScheduleSpec) => void; label: string; onProblem?: (problem: string | null) => void }) {
  // A count typed that is no count holds back a save as the server's refusal does: the schedule still held the count
  // before it, and Create saved "every 1 day" for a typed 0 without a word.
  const [everyProblem, setEveryProblem] = useState<string | null>(null);
  const [previewProblem, setPreviewProblem] = useState<string | null>(null);
  // Told in the same update that draws the reason, not from an effect after it: a save pressed the moment the reason
  // showed (a loaded machine's next task) still ran without it, and sent what the server then refused.
  const changeProblems = (every: string | null, preview: string | null) => {
    setEveryProblem(every);
    setPreviewProblem(preview);
    onProblem?.(every ?? preview);
  };
  const setKind = (kind: Kind) => {
    changeProblems(null, previewProblem);
    if (kind === "once") onChange({ kind, at: Date.now() + 3_600_000 });
    // The zone keeps "every day" at its time of day on this device's clocks when they change.
    else if (kind === "interval") onChange({ kind, every: 1, unit: "days", timezone: userTimeZone() });
    else onChange({ kind, expression: "0 9 * * 1-5", timezone: userTimeZone() });
  };
  const serverZone = useServerZone(value.kind === "interval" && value.unit === "days" && !value.timezone);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      {/* "Every [1] [days]" reads as one line: on phones the last control takes the rest of the row. */}
      <div className="flex flex-wrap items-end gap-2">
        <select aria-label={`${label}: kind`} value={value.kind} onChange={(e) => setKind(e.target.value as Kind)} className={`${field} shrink-0`}>
          <option value="once">Once</option>
          <option value="interval">Every</option>
          <option value="cron">Cron</option>
        </select>
        {value.kind === "once" ? (
          <input type="datetime-local" aria-label={`${label}: time`} value={toLocalInput(value.at)} onChange={(e) => onOnceTime(e.target.value, onChange)} className={`${field} min-w-0 flex-1 sm:flex-none`} />
        ) : null}
        {value.kind === "interval" ? (
          <>
            <EveryInput label={label} value={value} onChange={onChange} onProblem={(problem) => changeProblems(problem, previewProblem)} />
            <select aria-label={`${label}: unit`} value={value.unit} onChange={(e) => onChange(withUnit(value, e.target.value as Unit))} className={`${field} min-w-24 flex-1 sm:flex-none`}>
              {value.unit === "seconds" ? <option value="seconds">seconds</option> : null}
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </>
        ) : null}
        {value.kind === "cron" ? (
          <input aria-label={`${label}: cron expression`} value={value.expression} onChange={(e) => onChange({ ...value, expression: e.target.value })} className={`${field} min-w-0 flex-1 font-mono`} placeholder="0 9 * * 1-5" />
        ) : null}
      </div>
      {/* A day's time and the clocks it is read on, seen and changed before saving (a plan's job took its approval's). */}
      {value.kind === "interval" && value.unit === "days" ? (
        <div className="flex flex-wrap items-center gap-2">
          <TimeOfDayField label={label} value={value} saved={saved} onChange={onChange} />
          <DayZoneSelect label={label} zone={value.timezone} serverZone={serverZone} onChange={(timezone) => onChange(withZone(value, timezone))} />
        </div>
      ) : null}
      {everyProblem ? <p role="alert" className="text-xs text-red-700 dark:text-red-400">{everyProblem}</p> : null}
      {value.kind === "cron" ? <ZoneSelect label={label} zone={value.timezone} onChange={(timezone) => onChange({ ...value, timezone })} /> : null}
      <SchedulePreview schedule={value} onProblem={(problem) => changeProblems(everyProblem, problem)} />
    </fieldset>
  );
}

type IntervalSchedule = Extract<ScheduleSpec, { kind: "interval" }>;

/** Another unit; a time of day stays with days alone (the server refuses it on hours). */
function withUnit(value: IntervalSchedule, unit: Unit): IntervalSchedule {
  const { at, ...rest } = value;
  return { ...rest, unit, timezone: value.timezone ?? userTimeZone(), ...(unit === "days" && at ? { at } : {}) };
}

/** Another zone, or none: the server's clocks again (a job saved without one, put back as it was). */
function withZone(value: IntervalSchedule, timezone: string | undefined): IntervalSchedule {
  const { timezone: _previous, ...rest } = value;
  return timezone ? { ...rest, timezone } : rest;
}

/**
 * The N of "every N units". What is typed stays as typed until it is a whole number from 1 (then the schedule takes
 * it): clearing the field to type 5 gave 1 at once, and the 5 made it 15. Left as no count (0, 1.5, empty), it stays
 * and `onProblem` says so, so a save cannot quietly keep the count before it.
 */
function EveryInput({ label, value, onChange, onProblem }: { label: string; value: IntervalSchedule; onChange: (next: ScheduleSpec) => void; onProblem: (problem: string | null) => void }) {
  const [typed, setTyped] = useState<string | null>(null);
  const change = (text: string) => {
    const every = Number(text);
    const isWhole = text.trim() !== "" && Number.isInteger(every) && every >= 1;
    setTyped(isWhole ? null : text);
    onProblem(isWhole ? null : `${label}: "every" takes a whole number from 1 (it is ${value.every} until then).`);
    if (isWhole) onChange({ ...value, every });
  };
  return <input type="number" min={1} aria-label={`${label}: every`} aria-invalid={typed !== null} value={typed ?? value.every} onChange={(e) => change(e.target.value)} className={`${field} w-20`} />;
}

/** "every weekday at 09:00 — next: …" (the next times counted from now; `showNext` false for a job whose own next fire is shown), or why the schedule cannot fire. */
export function SchedulePreview({ schedule, showNext = true, onProblem }: { schedule: ScheduleSpec; showNext?: boolean; onProblem?: (problem: string | null) => void }) {
  const [preview, setPreview] = useState<{ description: string; nextFireTimes: number[]; clockZone?: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(schedule);
  // Told with the answer, in the same render; a changed schedule's problem is not known until its own answer.
  const tellProblem = useEffectEvent((problem: string | null) => onProblem?.(problem));
  useEffect(() => {
    let isCurrent = true;
    tellProblem(null);
    const timer = setTimeout(() => {
      jobsApi
        .preview(JSON.parse(key) as ScheduleSpec, userTimeZone())
        .then((answer) => isCurrent && (setPreview(answer), setError(null), tellProblem(null)))
        .catch((err: unknown) => isCurrent && (setPreview(null), setError(errorMessage(err)), tellProblem(errorMessage(err))));
    }, 250);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (error) return <p role="alert" className="text-xs text-red-700 dark:text-red-400">{error}</p>;
  // Worded here at once, before the server's answer (a phone on a slow link showed a bare "…" on every job card
  // meanwhile); the answer adds a zoneless day interval's server zone and the next times.
  return (
    <p className="text-xs text-stone-600 dark:text-stone-400" data-testid="schedule-preview">
      {/* A cron in the server's words once it answers (the same words `shortSchedule` gives at once); times are
          formatted here, in the browser's format like every other time shown. */}
      <span className="font-medium">{schedule.kind === "cron" ? (preview?.description ?? shortSchedule(schedule)) : `${shortSchedule(schedule)}${zoneText(schedule, preview?.clockZone)}`}</span>
      {showNext && preview ? nextText(schedule, preview.nextFireTimes) : null}
    </p>
  );
}

/**
 * Which clocks keep a day interval's time of day: " (Europe/Berlin)", or the server's for one saved without a zone
 * (ADR 0120) — they may change at other dates than the user's, and the card said nothing of it. A "once" time is on
 * the viewer's clock, and says so with its zone.
 */
function zoneText(schedule: ScheduleSpec, clockZone: string | null | undefined): string {
  if (schedule.kind === "once") return yourTimeNote(schedule, userTimeZone());
  if (schedule.kind !== "interval" || schedule.unit !== "days") return "";
  if (schedule.timezone) return ` (${schedule.timezone})`;
  return clockZone ? ` (the server's time zone, ${clockZone})` : " (the server's time zone)";
}

/** " — next: …" (a "once" schedule names its time already, so only " — no more runs" once it is past). */
function nextText(schedule: ScheduleSpec, times: number[]): string {
  if (times.length === 0) return " — no more runs";
  const shown = times.slice(0, 3);
  return schedule.kind === "once" ? "" : ` — next: ${shown.map(formatTime).join(", ")}${yourTimeNote(schedule, userTimeZone())}${clockChangeNote(schedule, shown)}`;
}

/**
 * A "once" time typed or picked: an incomplete one (a part cleared while retyping, the picker's Clear) keeps the time
 * before it — as an invalid time it could not be kept with the draft, and the form fell back to "every day".
 */
function onOnceTime(text: string, onChange: (next: ScheduleSpec) => void): void {
  const at = new Date(text).getTime();
  if (Number.isFinite(at)) onChange({ kind: "once", at });
}

function toLocalInput(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}
