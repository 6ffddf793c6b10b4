import { useState } from "react";
import type { EndedTerminal } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { timeOrDayAndTime } from "../../lib/when.ts";
import { endingText } from "./ending-text.ts";
import { useLastLinesOpen } from "./terminal-flags.ts";

/** What runs in a terminal of this kind, in words. */
export const kindLabel = (kind: EndedTerminal["kind"]) => (kind === "claude" ? "Claude TUI" : "shell");

/**
 * How ChatML went, with the time that goes with it: its clean stop (when it stopped), or a crash (kill -9, the
 * machine's power; when it was last seen running them). A notice recorded before the server told them apart keeps its
 * old words: the time is when its end was recorded, the stop's or (after a crash) the next start's.
 */
function howChatmlEnded(terminal: EndedTerminal): string {
  const at = timeOrDayAndTime(terminal.endedAt);
  if (terminal.endedBy === "crash") return `ChatML quit unexpectedly (last seen ${at})`;
  if (terminal.endedBy === "stop") return `ChatML stopped (at ${at})`;
  return `ChatML stopped (recorded at ${at})`;
}

/** What became of it: ended as ChatML went, or (one that had already exited) how it exited and its problem. */
function endedWhy(terminal: EndedTerminal): string {
  const chatml = howChatmlEnded(terminal);
  if (terminal.reason === "server_restart") return `ended when ${chatml}`;
  const how = endingText(terminal);
  const verb = terminal.ending === "could_not_start" ? how : terminal.ending === "signal" || terminal.ending === "chatml" ? `was ${how}` : `had ${how}`;
  const problem = terminal.problem && terminal.ending !== "signal" ? ` (${terminal.problem})` : "";
  // When it exited is not recorded: only when ChatML went.
  return `${verb}${problem} before ${chatml}`;
}

const areAllRestartEnded = (ended: EndedTerminal[]) => ended.every((terminal) => terminal.reason === "server_restart");

type Props = { ended: EndedTerminal[]; onReopen(terminal: EndedTerminal): void; onDismiss(terminal: EndedTerminal): void };
/**
 * Whether the sheet listing them is open, held by the panel when it passes one: turning a phone sideways swaps the
 * notice for its compact form, which closed a sheet held by the form.
 */
type SheetState = [isShown: boolean, setShown: (isShown: boolean) => void];
type NoticeProps = Props & { sheet?: SheetState | undefined };

/**
 * The same notice on a short screen (a phone turned sideways, a keyboard open), where a row of its own took a third of
 * the terminal's rows: one item of the panel's single row, whose Show lists them in a sheet. Mount it only while
 * there is one, so the last dismissed takes its sheet with it.
 */
export function CompactEndedTerminals({ ended, onReopen, onDismiss, sheet }: NoticeProps) {
  const own = useState(false);
  const [isShown, setShown] = sheet ?? own;
  if (ended.length === 0) return null;
  const [only] = ended;
  return (
    <>
      <span className="flex shrink-0 items-center gap-x-1 rounded-lg bg-amber-50 pl-2 text-sm whitespace-nowrap dark:bg-amber-950/40">
        {ended.length === 1 && only ? `${only.name} ${only.reason === "exited" ? "had exited" : "ended in a restart"}` : `${ended.length} terminals ${areAllRestartEnded(ended) ? "ended in a restart" : "from before a restart"}`}
        <ShowAllButton label="Show" onShow={() => setShown(true)} />
      </span>
      {isShown ? <EndedSheet ended={ended} onReopen={onReopen} onDismiss={onDismiss} onClose={() => setShown(false)} /> : null}
    </>
  );
}

/**
 * The session's terminals a ChatML restart ended (a PTY cannot outlive the server): each says what it was and when it
 * ended, opens a new one of its kind in the session's folder (a Claude TUI resumes its conversation), or is dismissed.
 * One shows in place; several (restart after restart) are one line whose "Show all" lists every one in a sheet that
 * scrolls: in a capped box in place, a phone showed one and a half with nothing saying more were below.
 */
export function EndedTerminals(props: NoticeProps) {
  // Mounted only while there is one, so the last dismissed takes its sheet (and its shown state) with it.
  return props.ended.length === 0 ? null : <EndedNotice {...props} />;
}

function EndedNotice({ ended, onReopen, onDismiss, sheet }: NoticeProps) {
  const own = useState(false);
  const [isShown, setShown] = sheet ?? own;
  const [only] = ended;
  return (
    <div className="border-b border-stone-200 text-sm dark:border-stone-800">
      {ended.length === 1 && only ? (
        // While the sheet is open it lists this one: one list of them at a time.
        isShown ? null : (
        <ul aria-label="Terminals ended by a ChatML restart">
          <EndedItem terminal={only} onReopen={onReopen} onDismiss={onDismiss} />
        </ul>
        )
      ) : (
        <div className="flex flex-wrap items-center gap-x-1 bg-amber-50 px-3 dark:bg-amber-950/40">
          <span className="min-w-0 flex-[1_1_12rem] py-1">{ended.length} terminals {areAllRestartEnded(ended) ? "ended when" : "were listed before"} ChatML {ended.every((terminal) => terminal.endedBy === "crash") ? "quit unexpectedly" : "stopped"}.</span>
          <span className="ml-auto flex shrink-0">
            <ShowAllButton label="Show all" onShow={() => setShown(true)} />
            <DismissAllButton ended={ended} onDismiss={onDismiss} />
          </span>
        </div>
      )}
      {isShown ? <EndedSheet ended={ended} onReopen={onReopen} onDismiss={onDismiss} onClose={() => setShown(false)} /> : null}
    </div>
  );
}

const ShowAllButton = ({ label, onShow }: { label: string; onShow(): void }) => (
  <Button variant="ghost" aria-haspopup="dialog" onClick={onShow} aria-label="Show the terminals a restart ended">
    {label}
  </Button>
);

const DismissAllButton = ({ ended, onDismiss, onDone }: Pick<Props, "ended" | "onDismiss"> & { onDone?(): void }) => (
  <Button
    variant="ghost"
    onClick={() => {
      onDone?.();
      ended.forEach(onDismiss);
    }} aria-label="Dismiss every notice about terminals a restart ended">
    Dismiss all
  </Button>
);

/**
 * Every notice, in a sheet whose list scrolls inside a bordered box (its edge shows there is more) while its title
 * and Dismiss all stay in view. Opening one again closes it: the new terminal is what the user wants to see.
 */
function EndedSheet({ ended, onReopen, onDismiss, onClose }: Props & { onClose(): void }) {
  const reopen = (terminal: EndedTerminal) => {
    onClose();
    onReopen(terminal);
  };
  return (
    <ModalSheet title="Terminals a ChatML restart ended" onClose={onClose}>
      <p className="text-sm text-stone-600 dark:text-stone-400">{ended.length === 1 ? "1 terminal" : `${ended.length} terminals`}, oldest first.</p>
      <ul aria-label="Terminals ended by a ChatML restart" className="max-h-[60dvh] divide-y divide-amber-200 overflow-y-auto overscroll-contain rounded-lg border border-amber-300 text-sm dark:divide-amber-900 dark:border-amber-800">
        {ended.map((terminal) => <EndedItem key={terminal.id} terminal={terminal} onReopen={reopen} onDismiss={onDismiss} />)}
      </ul>
      {/* Close keeps the notices: Dismiss all was the only button, and a look at the list ended in forgetting it. */}
      <div className="flex flex-wrap gap-2">
        <DismissAllButton ended={ended} onDismiss={onDismiss} onDone={onClose} />
        <Button variant="secondary" className="ml-auto" onClick={onClose}>Close</Button>
      </div>
    </ModalSheet>
  );
}

/** One terminal a restart ended: what it was and when it ended, with Resume / Open again and Dismiss, and its last lines. */
function EndedItem({ terminal, onReopen, onDismiss }: { terminal: EndedTerminal; onReopen(terminal: EndedTerminal): void; onDismiss(terminal: EndedTerminal): void }) {
  return (
    <li className="flex flex-wrap items-center gap-x-1 bg-amber-50 px-3 dark:bg-amber-950/40">
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
      <LastLines terminal={terminal} />
    </li>
  );
}

/**
 * What its screen last showed, folded until asked for: plain text in a capped box (never HTML; a TUI's frame and a
 * long log line stay inside it).
 */
function LastLines({ terminal }: { terminal: EndedTerminal }) {
  const [isOpen, setOpen] = useLastLinesOpen(terminal.id);
  if (!terminal.lastLines?.length) return null;
  return (
    // Open or folded as this page last left it, through a layout change that remounts it (see useLastLinesOpen).
    <details className="basis-full pb-2" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={`Last lines of ${terminal.name}`} className="min-h-11 cursor-pointer py-3 text-stone-700 dark:text-stone-300">
        Last lines
      </summary>
      {/* A figure, so it may carry a name (a plain pre may not); focusable, so a keyboard scrolls a long one. */}
      <pre role="figure" tabIndex={0} aria-label={`What ${terminal.name} last showed`} className="max-h-48 overflow-auto rounded bg-stone-900 p-2 font-mono text-xs whitespace-pre-wrap break-all text-stone-100">
        {terminal.lastLines.join("\n")}
      </pre>
    </details>
  );
}
