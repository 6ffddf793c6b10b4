import type { Terminal } from "@xterm/xterm";

/**
 * Lets a finger drag the terminal as a wheel does. xterm 6.0 replaced its natively scrolling viewport with a
 * wheel-only scroller and handles no touch at all (xtermjs/xterm.js#5489, fixed only in a 6.1 beta), so on a phone the
 * lines above the screen could not be reached. A drag over the screen moves by whole rows; a tap is left to xterm.
 * On the normal screen a row scrolls the scrollback. The alternate screen (`less`, `vim`, `htop`, a TUI) has none: there
 * each row is a wheel notch given to xterm itself, which sends it to the program as xterm does for a wheel — a mouse
 * wheel report when the program tracks the mouse, an arrow key otherwise. Returns the function that stops it.
 */
export function scrollByTouch(host: HTMLElement, term: Terminal): () => void {
  let lastY: number | null = null;
  /** Pixels dragged and not yet a whole row. */
  let pending = 0;
  const rowHeight = () => (host.querySelector(".xterm-screen")?.getBoundingClientRect().height ?? 0) / term.rows;
  const start = (event: TouchEvent) => {
    lastY = event.touches.length === 1 ? (event.touches[0]?.clientY ?? null) : null;
    pending = 0;
  };
  const move = (event: TouchEvent) => {
    const y = event.touches[0]?.clientY;
    if (lastY === null || y === undefined || event.touches.length !== 1) return;
    // The page must not take the drag too (its pull-to-refresh, a scroll of the panel behind).
    event.preventDefault();
    const height = rowHeight();
    if (height <= 0) return;
    // A finger moving up brings later lines in, as on any touch scroller.
    pending += lastY - y;
    lastY = y;
    const rows = Math.trunc(pending / height);
    if (rows === 0) return;
    pending -= rows * height;
    if (term.buffer.active.type === "normal") term.scrollLines(rows);
    else wheelRows(term, rows, event.touches[0]);
  };
  const end = () => {
    lastY = null;
  };
  host.addEventListener("touchstart", start, { passive: true });
  host.addEventListener("touchmove", move, { passive: false });
  host.addEventListener("touchend", end);
  host.addEventListener("touchcancel", end);
  return () => {
    host.removeEventListener("touchstart", start);
    host.removeEventListener("touchmove", move);
    host.removeEventListener("touchend", end);
    host.removeEventListener("touchcancel", end);
  };
}

/**
 * Gives xterm `rows` wheel notches (one line each) where the finger is, as a mouse wheel would: its own wheel handler
 * on the terminal's element decides what the program gets, so no escape sequence is written here.
 */
function wheelRows(term: Terminal, rows: number, at: Touch | undefined): void {
  const target = term.element;
  if (!target) return;
  const deltaY = Math.sign(rows);
  for (let notch = 0; notch < Math.abs(rows); notch += 1) {
    target.dispatchEvent(new WheelEvent("wheel", { deltaY, deltaMode: WheelEvent.DOM_DELTA_LINE, clientX: at?.clientX ?? 0, clientY: at?.clientY ?? 0, bubbles: true, cancelable: true }));
  }
}
