/**
 * Preloaded into a server (`bun --preload bench/support/sql-counts.ts …`): counts every SQLite statement the process
 * runs and its CPU time (server/test-support/statement-counter.ts, which wraps bun:sqlite itself, so it measures any
 * checkout's server, before or after a change, the same way). On SIGUSR2 the counts since the last report are written
 * to stderr as one `SQL_COUNTS {…}` line. `SQL_COUNTS_CALLERS=<part of a statement>` counts that statement's callers
 * too (with CHATML_SOURCES=1, so the stack names the sources). Counts do not depend on the machine's load.
 */
import { countStatements, type StatementCounts } from "../../server/test-support/statement-counter.ts";

export const SQL_COUNTS = "SQL_COUNTS";

/** What a server process is started with to count (the env var keeps a plain import of this file inert). */
export const SQL_COUNTS_PRELOAD = { bunArgs: ["--preload", import.meta.path], env: { SQL_COUNTS_ON: "1" } };

if (process.env.SQL_COUNTS_ON === "1") {
  const counter = countStatements(process.env.SQL_COUNTS_CALLERS);
  process.on("SIGUSR2", () => process.stderr.write(`${SQL_COUNTS} ${JSON.stringify(counter.take())}\n`));
}

/** The counts in the last `SQL_COUNTS` line of `stderr`, or null. */
export function lastCounts(stderr: string): StatementCounts | null {
  const line = stderr.split("\n").filter((l) => l.startsWith(SQL_COUNTS)).at(-1);
  return line ? (JSON.parse(line.slice(SQL_COUNTS.length + 1)) as StatementCounts) : null;
}
