import type { TerminalInfo } from "../../../../shared/index.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { effortName } from "../../lib/effort-levels.ts";
import { permissionModeName } from "../../lib/permission-modes.ts";
import { endingText } from "./ending-text.ts";

/**
 * The chosen terminal's mode and effort (an interactive Claude's) and size, or how it ended. A desktop's one row cuts
 * them where the actions need the room ("Interactive …"): the whole line is its tooltip and accessible description.
 */
export function TerminalFacts({ terminal, isShort }: { terminal: TerminalInfo; isShort: boolean }) {
  const facts = terminalFacts(terminal);
  return (
    <span data-testid="terminal-facts-row" title={facts} className={`min-w-0 truncate text-right text-xs text-stone-500 ${isShort ? "flex-none px-2" : "w-0 flex-1"}`}>
      {facts}
    </span>
  );
}

/** A terminal's facts in words: an interactive Claude's mode and effort first (a narrow row cuts this line's end). */
export function terminalFacts(terminal: TerminalInfo): string {
  const claude = terminal.kind === "claude" ? `${dotJoin([terminal.permissionMode && permissionModeName(terminal.permissionMode), terminal.effort && effortName(terminal.effort), "Interactive Claude", "plan limits"])}${DOT}` : "";
  // How it ended, short: a long explanation (exitProblem) is the notice's under the row, not the row's.
  return `${claude}${terminal.status === "running" ? `${terminal.cols}×${terminal.rows}` : endingText(terminal)}`;
}

/** The one fact a phone's row has room for: a running interactive Claude's effort ("Extra high effort" fits), else the size or how it ended. */
function phoneFact(terminal: TerminalInfo): string {
  if (terminal.status !== "running") return endingText(terminal);
  return terminal.kind === "claude" && terminal.effort ? effortName(terminal.effort) : `${terminal.cols}×${terminal.rows}`;
}

/**
 * A phone's row's one fact, beside the tabs. All the facts do not fit there (cut at 45 %, the effort read "Medium
 * ef…"): the row says the one that changes while it runs, whole; the ⋯ sheet says them all.
 */
export function PhoneFact({ terminal }: { terminal: TerminalInfo }) {
  return <span data-testid="terminal-fact" className="min-w-0 max-w-[50%] truncate text-xs text-stone-500">{phoneFact(terminal)}</span>;
}
