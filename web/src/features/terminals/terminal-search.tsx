import type { SearchAddon, ISearchOptions } from "@xterm/addon-search";
import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef, type RefObject } from "react";
import type { TerminalId } from "../../../../shared/index.ts";
import { keepChosenMatch } from "./keep-chosen-match.ts";
import { useKeptSearch } from "./terminal-flags.ts";

/**
 * Matches are marked on the screen and in the scrollbar (#RRGGBB only: the addon refuses other forms); with them on,
 * the addon counts the matches, which the row says ("3 of 60"). The chosen match is framed: the addon also selects
 * it, and xterm paints a selected cell in the selection's grey over its background, so the chosen one looked like
 * every other match and "3 of 60" pointed at nothing a user could see.
 */
const SEARCH_OPTIONS: ISearchOptions = {
  decorations: { matchBackground: "#57534e", matchOverviewRuler: "#a8a29e", activeMatchBackground: "#b45309", activeMatchBorder: "#fbbf24", activeMatchColorOverviewRuler: "#f59e0b" },
};

/**
 * The words the row says: "No match", "3 of 60", or (past the addon's 1000 marked matches it stops numbering them)
 * "1000+ matches".
 * @example searchResultText({ index: 2, count: 60 }) // "3 of 60"
 */
export function searchResultText({ index, count }: { index: number; count: number }): string {
  if (count === 0) return "No match";
  return index < 0 ? `${count}+ matches` : `${index + 1} of ${count}`;
}

const BUTTON = "min-h-11 min-w-11 rounded px-2 mouse:min-h-9 mouse:min-w-0 text-sm text-stone-200 hover:bg-stone-800";

/**
 * The terminal's search row: Enter (or Find) goes to the next match, Shift+Enter (or ↑) to the one before, and the row
 * says which match is chosen among how many. Without the count a user could not tell a second Enter had moved at all,
 * nor go back to a match they had passed. Escape or ✕ closes it (its owner takes the marks off the screen). The word
 * and its count stay for the terminal (useKeptSearch): reopened, the row shows them with the word selected, so typing
 * replaces it and Enter finds it again. The chosen match stays chosen when the terminal is resized (keepChosenMatch).
 */
export function TerminalSearchRow({ terminalId, termRef, searchRef, onClose }: { terminalId: TerminalId; termRef: RefObject<Terminal | null>; searchRef: RefObject<SearchAddon | null>; onClose: () => void }) {
  const [{ query, results }, update] = useKeptSearch(terminalId);
  const inputRef = useRef<HTMLInputElement>(null);
  /** The addon this row listens to, from its first search on: a row open as the terminal is drawn mounts before it. */
  const heardRef = useRef<{ search: SearchAddon; stop: () => void } | null>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);
  useEffect(() => () => heardRef.current?.stop(), []);

  const find = (isBackwards: boolean) => {
    const search = searchRef.current;
    const term = termRef.current;
    if (!query || !search || !term) return;
    if (heardRef.current?.search !== search) {
      heardRef.current?.stop();
      const kept = keepChosenMatch(term);
      const changed = search.onDidChangeResults(({ resultIndex, resultCount }) => {
        kept.remember();
        update((shown) => ({ ...shown, results: shown.results && { ...shown.results, index: resultIndex, count: resultCount } }));
      });
      heardRef.current = {
        search,
        stop: () => {
          changed.dispose();
          kept.stop();
        },
      };
    }
    // Set before the search: the addon reports its count while findNext runs.
    const none = { query, index: -1, count: 0 };
    update((kept) => ({ ...kept, results: none }));
    const isFound = isBackwards ? search.findPrevious(query, SEARCH_OPTIONS) : search.findNext(query, SEARCH_OPTIONS);
    if (!isFound) update((kept) => ({ ...kept, results: none }));
  };

  return (
    <form role="search" className="flex items-center gap-1 px-2 py-1" onSubmit={(e) => { e.preventDefault(); find(false); }}
      onKeyDown={(e) => {
        if (e.key === "Escape") { e.preventDefault(); onClose(); }
        if (e.key === "Enter" && e.shiftKey) { e.preventDefault(); find(true); }
      }}>
      <input ref={inputRef} aria-label="Search the terminal" value={query} onChange={(e) => update((kept) => ({ ...kept, query: e.target.value }))} placeholder="Search output"
        className="min-h-11 min-w-0 flex-1 rounded bg-stone-800 mouse:min-h-9 px-2 text-sm text-stone-100 placeholder:text-stone-500" />
      {/* In the search row, so saying it does not take a row from the terminal (and resize it). */}
      {results !== null && results.query === query ? <span role="status" className="shrink-0 text-xs text-stone-300">{searchResultText(results)}</span> : null}
      <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" onClick={() => find(true)} className={BUTTON}>↑</button>
      <button type="submit" title="Next match (Enter)" className={BUTTON}>Find</button>
      <button type="button" aria-label="Close the search" onClick={onClose} className={BUTTON}>✕</button>
    </form>
  );
}
