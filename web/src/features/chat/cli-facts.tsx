import type { ConversationStatus } from "../../../../shared/index.ts";
import { DOT } from "../../lib/dot-join.ts";
import type { CliSessionInfo } from "../../protocol/conversation-view.ts";

/** Whether a Claude Code process runs for the conversation now: "starting" still shows the facts of the one before. */
const PROCESS_RUNS: ReadonlySet<ConversationStatus> = new Set<ConversationStatus>(["ready", "running", "waiting"]);

/** What the chip and the phone's status details say of the CLI; `isLastKnown` when no process runs now. */
export type CliFacts = { short: string; full: string; isLastKnown: boolean };

/**
 * Which Claude Code the conversation last launched and how ChatML talks to it (the `cli.session.updated` event's
 * version and transport): `short` for the desktop header, `full` for the phone's status details. Null before the CLI
 * has reported (or for the interactive terminal's runs, which report neither). Once that process has exited, or while
 * a new one starts, they are the last known ones and say so (they read as the CLI running now).
 */
export function cliFacts(info: Pick<CliSessionInfo, "cliVersion" | "transport"> | null, status: ConversationStatus): CliFacts | null {
  if (!info || (!info.cliVersion && !info.transport)) return null;
  const transport = info.transport === "sdk-url" ? "--sdk-url" : info.transport;
  const version = info.cliVersion ? `Claude Code ${info.cliVersion}` : "Claude Code";
  const isLastKnown = !PROCESS_RUNS.has(status);
  const full = transport ? `${version} over ${transport}` : version;
  return {
    short: [info.cliVersion ? `CLI ${info.cliVersion}` : null, transport].filter(Boolean).join(DOT),
    full: isLastKnown ? `Last ran ${full} (not running now)` : full,
    isLastKnown,
  };
}

/**
 * The CLI version and transport of the conversation's process, kept small beside the header's buttons. With no process
 * running it stays in place (no jump when one starts) but dashed and faint, and says "last ran" to a screen reader.
 */
export function CliFactsChip({ info, status }: { info: CliSessionInfo | null; status: ConversationStatus }) {
  const facts = cliFacts(info, status);
  if (!facts) return null;
  const look = facts.isLastKnown ? "border-dashed text-stone-400 dark:text-stone-500" : "text-stone-500 dark:text-stone-400";
  return (
    <span
      data-testid="cli-facts"
      data-last-known={facts.isLastKnown}
      title={facts.full}
      className={`shrink-0 whitespace-nowrap rounded border border-stone-200 px-1.5 py-0.5 font-mono text-[11px] dark:border-stone-800 ${look}`}
    >
      {facts.isLastKnown ? <span className="sr-only">Last ran </span> : null}
      {facts.short}
    </span>
  );
}
