import type { IMarker, Terminal } from "@xterm/xterm";

/** The match the search row shows as chosen: its line (a marker follows it as the buffer scrolls), column and text. */
type Chosen = { marker: IMarker; col: number; cells: number; text: string };

/**
 * Keeps the terminal search's chosen match chosen when the terminal is resized. xterm drops its selection when the
 * rows change (xtermjs#5300), and the search addon, searching again 200 ms after a resize, then starts from the bottom:
 * "3 of 60" became "60 of 60", and the next Enter "1 of 60", as a phone's keyboard opened or the search row itself
 * took its room. Put back before that search runs, the addon finds it where it was. Only after a resize: keys typed
 * into the terminal drop the selection too, on purpose (Ctrl+C there interrupts instead of copying).
 * `remember` takes the selection the addon just made as the chosen match; `stop` lets go of the terminal.
 * @example const kept = keepChosenMatch(term); search.onDidChangeResults(() => kept.remember());
 */
export function keepChosenMatch(term: Terminal): { remember: () => void; stop: () => void } {
  let chosen: Chosen | null = null;
  const forget = () => {
    chosen?.marker.dispose();
    chosen = null;
  };
  const remember = () => {
    forget();
    const at = term.getSelectionPosition();
    // A match wrapped over two rows is left to the addon: put back by cells it would need both rows' widths.
    if (!at || at.start.y !== at.end.y) return;
    const buffer = term.buffer.active;
    const marker = term.registerMarker(at.start.y - buffer.baseY - buffer.cursorY);
    if (marker) chosen = { marker, col: at.start.x, cells: at.end.x - at.start.x, text: term.getSelection() };
  };
  const putBack = () => {
    if (!chosen || chosen.marker.isDisposed || term.hasSelection()) return;
    const { marker, col, cells, text } = chosen;
    // A narrower terminal may have wrapped the match elsewhere: then the addon's own choice stands.
    if (term.buffer.active.getLine(marker.line)?.translateToString(false, col, col + cells) !== text) return;
    term.select(col, marker.line, cells);
  };
  // After the resize's other listeners: xterm's own, which drops the selection, runs after this one.
  const resized = term.onResize(() => queueMicrotask(putBack));
  return {
    remember,
    stop: () => {
      resized.dispose();
      forget();
    },
  };
}
