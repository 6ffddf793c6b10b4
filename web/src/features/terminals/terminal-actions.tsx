import { useState } from "react";
import type { TerminalInfo } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { terminalsApi } from "../../lib/terminals-api.ts";
import { isApplePlatform } from "./clipboard-keys.ts";
import { TerminalFacts, terminalFacts } from "./terminal-facts.tsx";
import { useSearchOpen } from "./terminal-flags.ts";

type ActionsProps = { terminal: TerminalInfo; run: (action: Promise<unknown>) => void; onRename: () => void };

/** The chosen terminal's facts and actions, in a desktop's row. */
export function TerminalActions({ terminal, run, onRename }: ActionsProps) {
  return (
    // Never split: the buttons keep one line and the group is as wide as they are at least (its facts, 0 wide by
    // themselves, take what is left), so where the row has no room for all of them the group moves under the tabs
    // whole. A 20rem basis with wrapping buttons let a tab's rename field push Close alone onto a line at 1440×900.
    <div className="flex min-w-min flex-[1_1_0%] flex-nowrap items-center justify-end gap-1 px-2 text-sm">
      <TerminalFacts terminal={terminal} isShort={false} />
      {terminalActions(terminal, run, onRename).map(({ label, name, title, act }) => (
        <Button key={label} variant="ghost" onClick={act} aria-label={name} title={title}>{label}</Button>
      ))}
    </div>
  );
}

/** The short row's actions: one button at its end opening a sheet of them (each keeps its name, "Close Terminal 1"). */
export function TerminalActionsMenu({ terminal, run, onRename }: ActionsProps) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" aria-label={`Actions for ${terminal.name}`} aria-haspopup="dialog" aria-expanded={isOpen} onClick={() => setOpen(true)}>
        <span aria-hidden>⋯</span>
      </Button>
      {isOpen ? (
        <ModalSheet title={`Terminal “${terminal.name}”`} onClose={() => setOpen(false)}>
          {/* Whole here: the short row and a phone's row have room for part of them only. */}
          <p data-testid="terminal-facts" className="text-sm text-stone-600 dark:text-stone-300">{terminalFacts(terminal)}</p>
          <div className="flex flex-wrap gap-2">
            {terminalActions(terminal, run, onRename).map(({ label, name, act }) => (
              <Button key={label} variant="secondary" aria-label={name} onClick={() => { setOpen(false); act(); }}>{label}</Button>
            ))}
          </div>
          <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
        </ModalSheet>
      ) : null}
    </>
  );
}

/**
 * Search (its output: the search row over it), Rename (its tab turns into a name field), Kill (while it runs), Restart
 * and Close, each named with the terminal's name.
 */
function terminalActions(terminal: TerminalInfo, run: (action: Promise<unknown>) => void, onRename: () => void): { label: string; name: string; title?: string; act: () => void }[] {
  return [
    { label: "Search", name: `Search the output of ${terminal.name}`, title: `Search the output (${isApplePlatform() ? "⌘F" : "Ctrl+Shift+F"} in the terminal)`, act: () => useSearchOpen.set(terminal.id, true) },
    { label: "Rename", name: `Rename ${terminal.name}`, act: onRename },
    ...(terminal.status === "running" ? [{ label: "Kill", name: `Kill ${terminal.name}`, act: () => run(terminalsApi.kill(terminal.id)) }] : []),
    { label: "Restart", name: `Restart ${terminal.name}`, act: () => run(terminalsApi.restart(terminal.id)) },
    { label: "Close", name: `Close ${terminal.name}`, act: () => run(terminalsApi.close(terminal.id)) },
  ];
}
