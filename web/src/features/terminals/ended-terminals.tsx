import { useState } from "react";
import type { EndedTerminal } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { timeOrDayAndTime } from "../../lib/when.ts";
import { endingText } from "./ending-text.ts";

/** What runs in a terminal of this kind, in words. */
export const kindLabel = (kind: EndedTerminal["kind"]) => (kind === "claude" ? "Claude TUI" : "shell");


/**
 * What became of it: ended by the restart, or (one that had already exited) how it exited and its problem, which went
 * with the list the restart cleared.
 */
function endedWhy(terminal: EndedTerminal): string {
  const when = timeOrDayAndTime(terminal.endedAt);
  if (terminal.reason === "server_restart") return `ended when ChatML restarted, at ${when}`;
  const how = endingText(terminal);
  const verb = terminal.ending === "could_not_start" ? how : terminal.ending === "signal" || terminal.ending === "chatml" ? `was ${how}` : `had ${how}`;
  const problem = terminal.problem && terminal.ending !== "signal" ? ` (${terminal.problem})` : "";
  // The time is the restart's: when it exited is not recorded.
  return `${verb}${problem} before ChatML restarted at ${when}`;
}

const areAllRestartEnded = (ended: EndedTerminal[]) => ended.every((terminal) => terminal.reason === "server_restart");

type Props = { ended: EndedTerminal[]; onReopen(terminal: EndedTerminal): void; onDismiss(terminal: EndedTerminal): void };

/**
 * The same notice on a short screen (a phone turned sideways, a keyboard open), where a row of its own took a third of
 * the terminal's rows: one item of the panel's single row, whose Show lists them in a sheet. Mount it only while
 * there is one, so the last dismissed takes its sheet with it.
 */
export function CompactEndedTerminals({ ended, onReopen, onDismiss }: Props) {
  const [isShown, setShown] = useState(false);
  if (ended.length === 0) return null;
  const [only] = ended;
  const reopen = (terminal: EndedTerminal) => {
    setShown(false);
    onReopen(terminal);
  };
  const dismissAll = () => {
    setShown(false);
    ended.forEach(onDismiss);
  };
  return (
    <>
      <span className="flex shrink-0 items-center gap-x-1 rounded-lg bg-amber-50 pl-2 text-sm whitespace-nowrap dark:bg-amber-950/40">
        {ended.length === 1 && only ? `${only.name} ${only.reason === "exited" ? "had exited" : "ended in a restart"}` : `${ended.length} terminals ${areAllRestartEnded(ended) ? "ended in a restart" : "from before a restart"}`}
        <Button variant="ghost" aria-haspopup="dialog" onClick={() => setShown(true)} aria-label="Show the terminals a restart ended">
          Show
        </Button>
      </span>
      {isShown ? (
        <ModalSheet title="Terminals a ChatML restart ended" onClose={() => setShown(false)}>
          <EndedList ended={ended} onReopen={reopen} onDismiss={onDismiss} />
          <Button variant="ghost" onClick={dismissAll} aria-label="Dismiss every notice about terminals a restart ended">
            Dismiss all
          </Button>
        </ModalSheet>
      ) : null}
    </>
  );
}

/**
 * The session's terminals a ChatML restart ended (a PTY cannot outlive the server): each says what it was and when it
 * ended, opens a new one of its kind in the session's folder (a Claude TUI resumes its conversation), or is dismissed.
 * Several (restart after restart) fold into one line until shown, so the notices never take the terminal's rows.
 */
export function EndedTerminals({ ended, onReopen, onDismiss }: Props) {
  const [isShown, setShown] = useState(false);
  if (ended.length === 0) return null;
  const isFolded = ended.length > 1 && !isShown;
  return (
    <div className="border-b border-stone-200 text-sm dark:border-stone-800">
      {ended.length > 1 && (
        <div className="flex flex-wrap items-center gap-x-1 bg-amber-50 px-3 dark:bg-amber-950/40">
          <span className="min-w-0 flex-[1_1_12rem] py-1">{ended.length} terminals {areAllRestartEnded(ended) ? "ended when ChatML restarted" : "were listed before ChatML restarted"}.</span>
          <span className="ml-auto flex shrink-0">
            <Button variant="ghost" aria-expanded={!isFolded} onClick={() => setShown(isFolded)} aria-label={isFolded ? "Show the terminals a restart ended" : "Hide the terminals a restart ended"}>
              {isFolded ? "Show" : "Hide"}
            </Button>
            <Button variant="ghost" onClick={() => ended.forEach(onDismiss)} aria-label="Dismiss every notice about terminals a restart ended">
              Dismiss all
            </Button>
          </span>
        </div>
      )}
      {!isFolded && <EndedList ended={ended} onReopen={onReopen} onDismiss={onDismiss} />}
    </div>
  );
}

/** Each terminal a restart ended: what it was and when it ended, with Resume / Open again and Dismiss. */
function EndedList({ ended, onReopen, onDismiss }: Props) {
  return (
    <ul aria-label="Terminals ended by a ChatML restart" className="max-h-32 divide-y divide-amber-200 overflow-y-auto dark:divide-amber-900">
      {ended.map((terminal) => (
        <li key={terminal.id} className="flex flex-wrap items-center gap-x-1 bg-amber-50 px-3 dark:bg-amber-950/40">
          <span className="min-w-0 flex-[1_1_12rem] py-1">
            <strong className="font-medium">{terminal.name}</strong> ({kindLabel(terminal.kind)}) {endedWhy(terminal)}.
          </span>
          <span className="ml-auto flex shrink-0">
            <Button variant="ghost" onClick={() => onReopen(terminal)} aria-label={`Open a new ${kindLabel(terminal.kind)} in place of ${terminal.name}`}>
              {terminal.kind === "claude" ? "Resume" : "Open again"}
            </Button>
            <Button variant="ghost" onClick={() => onDismiss(terminal)} aria-label={`Dismiss the notice about ${terminal.name}`}>
              Dismiss
            </Button>
          </span>
        </li>
      ))}
    </ul>
  );
}
