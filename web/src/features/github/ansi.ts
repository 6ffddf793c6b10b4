/** A run of text with the colour ANSI codes gave it. */
export type AnsiSpan = { text: string; className: string };

const COLOURS: Record<number, string> = {
  30: "text-stone-900 dark:text-stone-100",
  31: "text-red-600 dark:text-red-400",
  32: "text-emerald-600 dark:text-emerald-400",
  33: "text-amber-600 dark:text-amber-400",
  34: "text-sky-600 dark:text-sky-400",
  35: "text-fuchsia-600 dark:text-fuchsia-400",
  36: "text-cyan-600 dark:text-cyan-400",
  37: "text-stone-500",
  90: "text-stone-500",
  91: "text-red-500",
  92: "text-emerald-500",
  93: "text-amber-500",
  94: "text-sky-500",
};
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[([0-9;]*)m/g;
// eslint-disable-next-line no-control-regex
const OTHER = /\u001b\[[0-9;]*[A-Za-ln-z]/g;

/** Splits a log line into coloured spans (SGR colours and bold; other escape codes dropped). */
export function ansiSpans(line: string): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let colour = "";
  let isBold = false;
  let last = 0;
  const clean = line.replace(OTHER, "");
  const push = (text: string) => {
    if (text) spans.push({ text, className: `${colour}${isBold ? " font-bold" : ""}`.trim() });
  };
  for (const match of clean.matchAll(SGR)) {
    push(clean.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    for (const code of (match[1] || "0").split(";").map(Number)) {
      if (code === 0) [colour, isBold] = ["", false];
      else if (code === 1) isBold = true;
      else if (code === 22) isBold = false;
      else if (code === 39) colour = "";
      else if (COLOURS[code]) colour = COLOURS[code];
    }
  }
  push(clean.slice(last));
  return spans;
}
