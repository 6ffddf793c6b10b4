import { memo, useState, type MouseEvent } from "react";
import { Button } from "../../components/button.tsx";

/**
 * Lines of a hunk drawn at first, and added per tap of "Show more": drawing all of a 10,000-line hunk at once took
 * ~2.8 s on a phone, and most hunks that large (a rewritten or generated file) are staged whole. What is not drawn
 * yet is said on the button, so find-in-page and Tab never silently stop at a line that is not there.
 */
export const LINES_AT_ONCE = 500;

/**
 * The changed lines picked in a hunk after a click on the one at `at`. A tap on a touch screen (no Shift) or a
 * Shift-click on an unpicked line takes in every changed line from the last one picked up to it, so a finger picks a
 * range with two taps instead of one 20 px line at a time; any other click toggles that one line.
 */
export function pickedAfterClick(lines: readonly string[], picked: readonly number[], at: number, isExtending: boolean): number[] {
  if (picked.includes(at)) return picked.filter((n) => n !== at);
  const anchor = picked.at(-1);
  if (!isExtending || anchor === undefined) return [...picked, at];
  const [from, to] = anchor < at ? [anchor + 1, at] : [at, anchor - 1];
  const range = [];
  for (let n = from; n <= to; n++) if (isChanged(lines[n] ?? "") && !picked.includes(n)) range.push(n);
  // The line tapped goes last: it is the anchor of the next range.
  return [...picked, ...range.filter((n) => n !== at), at];
}

type Props = {
  hunk: string;
  index: number;
  /** The hunk's lines, its `@@` header first. */
  lines: readonly string[];
  picked: readonly number[];
  /** Absent: no line is picked (a file in conflict, whose lines git cannot take apart). */
  onClickLine?: (hunk: string, at: number, isExtending: boolean) => void;
};

/** The lines of one hunk, each changed one a toggle that picks it; long hunks are drawn in parts (LINES_AT_ONCE). */
export function HunkLines({ hunk, index, lines, picked, onClickLine }: Props) {
  const [shown, setShown] = useState(LINES_AT_ONCE);
  const body = lines.length - 1;
  const notShown = Math.max(0, body - shown);
  return (
    <>
      <pre className="overflow-x-auto text-xs leading-5" aria-label={`Lines of hunk ${index + 1}`}>
        {lines.slice(1, shown + 1).map((line, i) => (
          <HunkLine key={i} line={line} hunk={hunk} at={i + 1} isPicked={picked.includes(i + 1)} onClick={onClickLine} />
        ))}
      </pre>
      {notShown > 0 ? (
        <Button variant="ghost" className="w-full" onClick={() => setShown((n) => n + LINES_AT_ONCE)}>
          Show {Math.min(notShown, LINES_AT_ONCE)} more lines of hunk {index + 1} ({notShown.toLocaleString("en")} not shown)
        </Button>
      ) : null}
    </>
  );
}

const isChanged = (line: string) => line.startsWith("+") || line.startsWith("-");

/** A line of a hunk; an added or removed one is a toggle that picks it (`at`, in hunk `hunk`) for the hunk's buttons. */
const HunkLine = memo(function HunkLine({ line, hunk, at, isPicked, onClick }: { line: string; hunk: string; at: number; isPicked: boolean; onClick: Props["onClickLine"] }) {
  if (!isChanged(line) || !onClick) return <div className={lineClass(line)}>{line || " "}</div>;
  const click = (e: MouseEvent) => onClick(hunk, at, e.shiftKey || (e.nativeEvent as PointerEvent).pointerType === "touch");
  return (
    // Finger-high below md (a phone): a 20 px row is half a fingertip (44 px). Context lines, not tappable, stay 20 px.
    // A blank line's text is a lone "+" or "-": its name says what it is.
    <button type="button" aria-pressed={isPicked} aria-label={blankLineName(line)} onClick={click} className={`flex min-h-11 w-full min-w-max items-center text-left mouse:block mouse:min-h-0 ${lineClass(line)} ${isPicked ? "font-semibold outline outline-1 -outline-offset-1 outline-accent" : ""}`}>
      {line}
    </button>
  );
});

function blankLineName(line: string): string | undefined {
  if (line.trim().length > 1) return undefined;
  return line.startsWith("+") ? "Added blank line" : "Removed blank line";
}

function lineClass(line: string): string {
  if (line.startsWith("+")) return "bg-emerald-50 px-2 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";
  if (line.startsWith("-")) return "bg-red-50 px-2 text-red-900 dark:bg-red-950 dark:text-red-200";
  return "px-2";
}
