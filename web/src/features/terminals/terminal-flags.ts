import { create } from "zustand";
import type { TerminalId } from "../../../../shared/index.ts";

type Flag = [isOn: boolean, setOn: (isOn: boolean) => void];

/**
 * A yes/no this page keeps for each terminal, outside the components that show it: turning a phone swaps the panel's
 * layouts, which remounts what they hold and forgot it.
 */
function terminalFlag(): ((id: TerminalId) => Flag) & { set(id: TerminalId, isOn: boolean): void } {
  const useFlags = create<{ on: Record<string, true> }>()(() => ({ on: {} }));
  const set = (id: TerminalId, next: boolean) =>
    useFlags.setState((s) => {
      if (next === (s.on[id] === true)) return s;
      const { [id]: _, ...rest } = s.on;
      return { on: next ? { ...rest, [id]: true } : rest };
    });
  const useTerminalFlag = (id: TerminalId): Flag => [useFlags((s) => s.on[id] === true), (next) => set(id, next)];
  return Object.assign(useTerminalFlag, { set });
}

/**
 * Whether an ended terminal's "Last lines" are open here (the notice is remounted in each layout, and in the sheet).
 * @example const [isOpen, setOpen] = useLastLinesOpen(terminal.id);
 */
export const useLastLinesOpen = terminalFlag();

/**
 * Whether a terminal's search row is open here: its Search action (beside the terminal, `useSearchOpen.set`), the key
 * bar's Find and Ctrl+Shift+F share it.
 */
export const useSearchOpen = terminalFlag();

/** What the search row says of its last search: where the chosen match is among how many (index -1: none chosen). */
export type SearchResults = { query: string; index: number; count: number };
/** A terminal's search word and what its last search found. */
export type KeptSearch = { query: string; results: SearchResults | null };
const NO_SEARCH: KeptSearch = { query: "", results: null };
const useKeptSearches = create<{ of: Record<string, KeptSearch> }>()(() => ({ of: {} }));

/**
 * A terminal's search word and its "3 of 60", kept here beside the row's open flag: the row forgot them when it closed
 * (or was remounted by a phone turning), so searching the same word again after a command meant typing it again.
 * @example const [{ query, results }, update] = useKeptSearch(terminal.id); update((kept) => ({ ...kept, query: "x" }));
 */
export function useKeptSearch(id: TerminalId): [KeptSearch, (change: (kept: KeptSearch) => KeptSearch) => void] {
  const kept = useKeptSearches((s) => s.of[id] ?? NO_SEARCH);
  const update = (change: (kept: KeptSearch) => KeptSearch) => useKeptSearches.setState((s) => ({ of: { ...s.of, [id]: change(s.of[id] ?? NO_SEARCH) } }));
  return [kept, update];
}
