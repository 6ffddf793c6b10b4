import type { FitAddon } from "@xterm/addon-fit";
import type { Terminal } from "@xterm/xterm";

/** A terminal size in cells. */
export type CellSize = { cols: number; rows: number };

/**
 * The size that fits this screen, and whether the terminal's size is one this screen asked for (or is about to get
 * the one it asked for). Only a size this screen did not ask for is "sized for another screen": while this screen's
 * own resize is on its way to the PTY, the terminal is briefly bigger than its room, and that is no one else's size.
 */
export type ShownSize = { fit: CellSize; isSizedHere: boolean };

type Options = {
  /** The terminal's part of the layout: its size is the panel's, whatever the terminal inside shows. */
  frame: HTMLElement;
  /** The element xterm is opened in (the fit measures it). */
  host: HTMLElement;
  term: Terminal;
  fit: FitAddon;
  /** Sends the size to the server (the PTY takes the last size any device sent). */
  claim: (size: CellSize) => void;
  /** The size that fits this screen and who sized the terminal, whenever either changes (null until measured). */
  onShown: (shown: ShownSize | null) => void;
};

/**
 * Sizes the PTY to this screen whenever this screen shows the terminal: once it is laid out, when its panel is
 * resized or shown again, when the window or page comes back to the front, and when it takes the keys. Two devices
 * showing one terminal share one size, the last one claimed; a device that only watches does not claim it back on
 * its own (the size coming from the other device changes what this one draws, never the panel), so the two never
 * take turns. Returns `claim` (this screen's size, now: "Fit to this screen") and `stop`.
 */
export function watchShownSize({ frame, host, term, fit, claim, onShown }: Options): { claim: () => void; stop: () => void } {
  let frameRequest = 0;
  let lastClaim: CellSize | null = null;
  let lastFit: CellSize | null = null;
  // Sizes this screen claimed since the terminal last took a size it did not (another device's), and whether the
  // last claim is still on its way (the PTY applies it, then the terminal here resizes to it).
  const claimed = new Set<string>();
  let isClaimPending = false;
  const report = () => onShown(lastFit && { fit: lastFit, isSizedHere: isClaimPending || claimed.has(sizeKey(term)) });
  const isShown = () => document.visibilityState === "visible" && frame.offsetWidth > 0 && frame.offsetHeight > 0;
  // The host scrolls a terminal sized for a bigger screen: measured as if it did not, and without the notice that
  // says so (`data-other-size`), so that neither (they come and go with the other device's size, and with this
  // screen's own claim until the server has applied it) changes the size this screen asks for.
  const measure = (): CellSize | null => {
    const notices = [...frame.querySelectorAll<HTMLElement>("[data-other-size]")];
    const overflow = host.style.overflow;
    host.style.overflow = "hidden";
    for (const notice of notices) notice.style.display = "none";
    const dims = fit.proposeDimensions();
    for (const notice of notices) notice.style.display = "";
    host.style.overflow = overflow;
    return dims && Number.isFinite(dims.cols) && Number.isFinite(dims.rows) ? { cols: dims.cols, rows: dims.rows } : null;
  };
  const claimNow = () => {
    const size = isShown() ? measure() : null;
    if (!size) return;
    lastClaim = size;
    claimed.add(sizeKey(size));
    isClaimPending = sizeKey(size) !== sizeKey(term);
    claim(size);
    report();
  };
  const resized = term.onResize((size) => {
    const isClaimedHere = claimed.has(sizeKey(size));
    if (!isClaimedHere) claimed.clear();
    if (!isClaimedHere || (lastClaim && sizeKey(size) === sizeKey(lastClaim))) isClaimPending = false;
    report();
  });
  /** Claims after layout settles (several reasons in one frame make one claim). */
  const claimSoon = () => {
    cancelAnimationFrame(frameRequest);
    frameRequest = requestAnimationFrame(claimNow);
  };
  // The panel resized, or shown again (a display: none ancestor gives it no size): claim.
  const panel = new ResizeObserver(claimSoon);
  panel.observe(frame, { box: "border-box" });
  // The terminal's own room changed (a notice above it came or went): keep it fitted while this screen still holds
  // the size it claimed last; if another device took it since, leave it to that one.
  const room = new ResizeObserver(() => {
    const size = measure();
    lastFit = size;
    report();
    if (size && lastClaim && term.cols === lastClaim.cols && term.rows === lastClaim.rows) claimSoon();
  });
  room.observe(host);
  const onVisibility = () => document.visibilityState === "visible" && claimSoon();
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("focus", claimSoon);
  host.addEventListener("focusin", claimNow);
  const stop = () => {
    cancelAnimationFrame(frameRequest);
    panel.disconnect();
    room.disconnect();
    resized.dispose();
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("focus", claimSoon);
    host.removeEventListener("focusin", claimNow);
  };
  return { claim: claimNow, stop };
}

const sizeKey = ({ cols, rows }: CellSize): string => `${cols}x${rows}`;
