import { useState, type FormEvent } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import type { DiffSide } from "../diff/index.ts";

const FIELD = "min-h-11 w-20 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/**
 * On phones a diff's 20 px line numbers are too small to tap, and 44 px rows would double every diff: the lines to
 * comment on are picked here instead, with finger-sized controls (the numbers are plain text there).
 */
export function LineRangePicker({ lineCounts, onPick }: { lineCounts: Record<DiffSide, number>; onPick: (side: DiffSide, start: number, end: number) => void }) {
  const [side, setSide] = useState<DiffSide>(lineCounts.new > 0 ? "new" : "old");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const pick = (e: FormEvent) => {
    e.preventDefault();
    const start = Number(from);
    const end = to.trim() ? Number(to) : start;
    const count = lineCounts[side];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start || end > count) {
      return setError(`Pick lines between 1 and ${count} of the ${side === "new" ? "new" : "old"} version, the first no later than the last.`);
    }
    setError(null);
    onPick(side, start, end);
  };
  return (
    <details className="border-b border-stone-200 text-xs md:hidden dark:border-stone-800">
      <summary className="flex min-h-11 cursor-pointer items-center px-2 text-sky-800 dark:text-sky-300">Comment on lines…</summary>
      <form onSubmit={pick} className="flex flex-wrap items-end gap-2 px-2 pb-2">
        <label className="flex flex-col gap-1">
          <span>Version</span>
          <select aria-label="Version" value={side} onChange={(e) => setSide(e.target.value as DiffSide)} className={`${FIELD} w-24`}>
            <option value="new" disabled={lineCounts.new === 0}>New</option>
            <option value="old" disabled={lineCounts.old === 0}>Old</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>From line</span>
          <input aria-label="From line" inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} className={FIELD} />
        </label>
        <label className="flex flex-col gap-1">
          <span>To line</span>
          <input aria-label="To line" inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} placeholder={from} className={FIELD} />
        </label>
        <Button type="submit" variant="secondary" disabled={!from.trim()}>Comment</Button>
        <ErrorText message={error} className="w-full" />
      </form>
    </details>
  );
}
