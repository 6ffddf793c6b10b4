/** A job log line starts with GitHub's timestamp: `2026-01-01T10:00:00.1234567Z text`. */
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) ?/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** A step of a job with its times (from GitHub's job description). */
export type StepTimes = { name: string; conclusion: string | null; startedAt: string | null; completedAt: string | null };

/** The log split into lines (ANSI colours kept, trailing empty line dropped). */
export function logLines(log: string): string[] {
  const lines = log.replace(/\r\n/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The first failed step of a job, or null. */
export function failedStep(steps: StepTimes[]): StepTimes | null {
  return steps.find((s) => s.conclusion === "failure") ?? null;
}

/**
 * The lines a step wrote: those stamped between its start and end (whole seconds; GitHub reports step times to the
 * second). Falls back to the whole log when the step has no times or no line matches.
 */
export function stepLines(lines: string[], step: StepTimes | null): string[] {
  if (!step?.startedAt || !step.completedAt) return lines;
  const from = Math.floor(Date.parse(step.startedAt) / 1000);
  const to = Math.ceil(Date.parse(step.completedAt) / 1000);
  const inside = lines.filter((line) => {
    const stamp = line.match(STAMP)?.[1];
    if (!stamp) return false;
    const second = Math.floor(Date.parse(stamp) / 1000);
    return second >= from && second <= to;
  });
  return inside.length > 0 ? inside : lines;
}

/** Lines as plain text for a prompt: timestamps and ANSI codes removed. */
export function plainLines(lines: string[]): string[] {
  return lines.map((line) => line.replace(STAMP, "").replace(ANSI, ""));
}
