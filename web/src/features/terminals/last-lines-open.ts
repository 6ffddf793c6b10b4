import { create } from "zustand";
import type { TerminalId } from "../../../../shared/index.ts";

/**
 * Which ended terminals' "Last lines" this page has open, kept outside the notice: turning a phone swaps the notice
 * for its compact form and back (or for the sheet listing them), which remounted it and folded what was being read.
 */
const useOpenLastLines = create<{ open: Record<string, true> }>()(() => ({ open: {} }));

/**
 * Whether a terminal's last lines are open here, and the way to open or fold them.
 * @example const [isOpen, setOpen] = useLastLinesOpen(terminal.id);
 */
export function useLastLinesOpen(id: TerminalId): [isOpen: boolean, setOpen: (isOpen: boolean) => void] {
  const isOpen = useOpenLastLines((s) => s.open[id] === true);
  const setOpen = (next: boolean) =>
    useOpenLastLines.setState((s) => {
      if (next === (s.open[id] === true)) return s;
      const { [id]: _, ...rest } = s.open;
      return { open: next ? { ...rest, [id]: true } : rest };
    });
  return [isOpen, setOpen];
}
