/**
 * The separator between parts of a one-line summary ("manual · 10:02 · 12s"). A no-break space ties the "·" to the
 * part before it: with a plain space, a part wrapped to the next line on a phone started that line with a stray "·".
 */
export const DOT = "\u00a0· ";

/**
 * The parts that are there, joined by {@link DOT}.
 * @example dotJoin(["manual", null, "12s"]) // "manual\u00a0· 12s"
 */
export function dotJoin(parts: readonly (string | null | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === "string" && part !== "").join(DOT);
}

/** Whether some line of `text` could start with a "·": a break opportunity (a plain space or line end) before one. */
export function hasBreakBeforeDot(text: string): boolean {
  return /(^|[ \t\n])·/.test(text);
}
