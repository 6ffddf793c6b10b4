import "@xterm/xterm/css/xterm.css";
import { FitAddon } from "@xterm/addon-fit";
import { SearchAddon } from "@xterm/addon-search";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import type { TerminalInfo } from "../../../../shared/index.ts";
import { copyText } from "../../lib/copy-text.ts";
import { errorMessage } from "../../lib/http.ts";
import { FINE_POINTER_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { useIsShortViewport } from "../../lib/use-short-viewport.ts";
import { takeOpenedHere } from "../../stores/terminals-store.ts";
import { clipboardKey, isApplePlatform, isFindKey } from "./clipboard-keys.ts";
import { CopySheet } from "./copy-sheet.tsx";
import { KeyBar, withCtrl } from "./key-bar.tsx";
import { type CellSize, type ShownSize, watchShownSize } from "./shown-size.ts";
import { useSearchOpen } from "./terminal-flags.ts";
import { TerminalSearchRow } from "./terminal-search.tsx";
import { TERMINAL_FONT_FAMILY } from "./terminal-font.ts";
import { sendInput, sendResize, streamTerminal } from "./terminal-stream.ts";
import { terminalText } from "./terminal-text.ts";
import { scrollByTouch } from "./touch-scroll.ts";

const FLOOD_NOTICE = "Output was too fast for this connection; showing the current screen.";
const OFFLINE_KEYS_NOTICE =
  "Offline: what you just typed was not sent. The terminal keeps running on the computer; when this device reconnects, its screen catches up and takes keys again. Type it again then.";

/** One server terminal drawn by xterm.js (this file and xterm are a lazy chunk). */
export default function TerminalView({ terminal }: { terminal: TerminalInfo }) {
  const frameRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const ctrlRef = useRef(false);
  const [isCtrlArmed, setCtrlArmed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** The size this screen fits (null until measured), and the way to size the PTY to it. */
  const [shownSize, setShownSize] = useState<ShownSize | null>(null);
  const claimSizeRef = useRef<() => void>(() => undefined);
  // A touch screen lacks Esc, Ctrl and arrows, however wide it is (a phone turned sideways, a tablet): it gets the key bar.
  const hasKeyboard = useMediaQuery(FINE_POINTER_QUERY);
  // A phone with its keyboard open (or turned sideways) has little height left: the search row waits behind the key
  // bar's Search key and the keys get smaller, so the terminal keeps most of it.
  const isCompact = useIsShortViewport() && !hasKeyboard;
  // The search row shows when asked for (the key bar's Find, the Search action beside the terminal, Ctrl+Shift+F):
  // always shown it took ~40 px, 2-3 rows, from every terminal that is read far more often than searched.
  const [isSearchOpen, setSearchOpen] = useSearchOpen(terminal.id);
  /** The terminal's text as it was when Copy was tapped (null: the copy sheet is closed). */
  const [sheetText, setSheetText] = useState<string | null>(null);
  const id = terminal.id;
  // Keys typed while the connection is down cannot reach the terminal: say so rather than drop them silently, and
  // what the user finds when it is back (the keys are not kept: sent late, a command typed blind would run). The
  // snapshot that follows the reconnect clears the notice.
  const send = (data: string) => {
    if (!sendInput(id, data)) setNotice(OFFLINE_KEYS_NOTICE);
  };

  useEffect(() => {
    const host = hostRef.current;
    const frame = frameRef.current;
    if (!host || !frame) return;
    const term = new Terminal({ cols: terminal.cols, rows: terminal.rows, scrollback: 5000, fontSize: 13, fontFamily: TERMINAL_FONT_FAMILY, cursorBlink: true, allowProposedApi: true, theme: { background: "#1c1917" } });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.open(host);
    termRef.current = term;
    searchRef.current = search;
    // The desktop's copy and paste keys (see clipboardKey). A paste is left to the browser: its paste event reaches
    // xterm, which wraps the text in bracketed-paste markers when the program asked for them.
    const isMac = isApplePlatform();
    term.attachCustomKeyEventHandler((event) => {
      if (isFindKey(event, isMac)) {
        event.preventDefault();
        useSearchOpen.set(id, true);
        return false;
      }
      const action = clipboardKey(event, term.hasSelection(), isMac);
      if (action === "paste") return false;
      if (action !== "copy") return true;
      // A page with no clipboard (plain HTTP, `--lan`) still has the browser's own copy: left to it, its copy event is
      // filled by xterm with the selection (Ctrl+C there copied nothing and said nothing).
      if (!navigator.clipboard) return false;
      event.preventDefault();
      // The selection goes once it is copied; when the browser refuses, it stays for the browser's menu Copy.
      copyText(term.getSelection()).then(
        () => term.clearSelection(),
        (e: unknown) => setNotice(errorMessage(e)),
      );
      return false;
    });
    const stopTouchScroll = scrollByTouch(host, term);
    const typed = term.onData((data) => {
      const out = ctrlRef.current ? withCtrl(data) : data;
      if (ctrlRef.current) {
        ctrlRef.current = false;
        setCtrlArmed(false);
      }
      send(out);
    });
    // The PTY takes the size of the screen that shows it (see watchShownSize); a terminal this page just opened is
    // for the person holding it, ready to type into, on a phone too (ADR 0291): left on "+ Terminal", a phone's typed
    // keys and a tablet's keyboard went nowhere, and "+ Terminal" is asked for to type into what it opens.
    const shown = watchShownSize({ frame, host, term, fit, claim: ({ cols, rows }) => sendResize(id, cols, rows), onShown: setShownSize });
    claimSizeRef.current = shown.claim;
    const firstFrame = takeOpenedHere(id) ? requestAnimationFrame(() => term.focus()) : 0;
    // The flood's notice goes by itself once this device kept up again (or with the next snapshot); other notices stay.
    const stop = streamTerminal(id, term, {
      onSnapshot: (isCatchUp) => setNotice(isCatchUp ? FLOOD_NOTICE : null),
      onCaughtUp: () => setNotice((shown) => (shown === FLOOD_NOTICE ? null : shown)),
    });
    return () => {
      cancelAnimationFrame(firstFrame);
      stop();
      stopTouchScroll();
      shown.stop();
      typed.dispose();
      term.dispose();
      termRef.current = null;
    };
    // The xterm is made once per terminal; size changes arrive as snapshots and list updates below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    const term = termRef.current;
    if (term && (term.cols !== terminal.cols || term.rows !== terminal.rows)) term.resize(terminal.cols, terminal.rows);
  }, [terminal.cols, terminal.rows]);

  // The marks go with the row, however it is closed (✕, Escape, the key bar's Find): the key bar's left them on the
  // screen. Here, not as the row unmounts: a terminal closed with its row open has disposed its addon by then.
  const hideSearch = () => {
    searchRef.current?.clearDecorations();
    setSearchOpen(false);
  };
  const closeSearch = () => {
    hideSearch();
    termRef.current?.focus();
  };

  const paste = async () => {
    try {
      const text = await navigator.clipboard.readText();
      // As a paste, not keys: xterm wraps it in bracketed-paste markers when the program asked for them (a shell
      // then does not run each pasted line, a TUI takes it whole).
      if (text) termRef.current?.paste(text);
    } catch {
      setNotice("This browser did not allow reading the clipboard; long-press the terminal and paste instead.");
    }
    termRef.current?.focus();
  };

  return (
    <div ref={frameRef} className="flex min-h-0 flex-1 flex-col bg-stone-900">
      {/* Sized by a bigger screen (the last one that showed it), it is cut here until this screen takes it. */}
      {terminal.status === "running" && shownSize && !shownSize.isSizedHere ? <OtherSizeNotice terminal={terminal} fit={shownSize.fit} onFit={() => claimSizeRef.current()} /> : null}
      {isSearchOpen ? <TerminalSearchRow terminalId={id} termRef={termRef} searchRef={searchRef} onClose={closeSearch} /> : null}
      {/*
        A notice lies over the screen's top rows rather than taking a row of its own: in the layout it shrank the
        terminal, which resized the PTY (a SIGWINCH to the program) in the middle of the flood it was about.
      */}
      <div className="relative flex min-h-0 flex-1 flex-col">
        {notice ? (
          <div role="status" className="absolute inset-x-0 top-0 z-10 flex items-center gap-2 bg-amber-900/95 px-3 py-1 text-xs text-amber-100">
            <span className="min-w-0 flex-1">{notice}</span>
            <button type="button" aria-label="Dismiss the notice" onClick={() => setNotice(null)} className="min-h-11 min-w-11 shrink-0 rounded hover:bg-amber-800 mouse:min-h-6 mouse:min-w-6">
              ✕
            </button>
          </div>
        ) : null}
        {/* Sized by a screen with fewer rows, the xterm leaves the rest of this one empty: a tap there is still a tap on the terminal. */}
        <div ref={hostRef} data-testid="terminal-screen" data-terminal-id={id} className="min-h-0 flex-1 overflow-auto p-1" onClick={() => focusToType(termRef.current, !hasKeyboard)} />
      </div>
      {hasKeyboard ? null : (
        <KeyBar
          isCtrlArmed={isCtrlArmed}
          onToggleCtrl={() => {
            ctrlRef.current = !ctrlRef.current;
            setCtrlArmed(ctrlRef.current);
            termRef.current?.focus();
          }}
          onKey={send}
          onPaste={() => void paste()}
          onCopy={() => setSheetText(termRef.current ? terminalText(termRef.current.buffer.active) : "")}
          isCompact={isCompact}
          search={{ isOpen: isSearchOpen, toggle: () => (isSearchOpen ? hideSearch() : setSearchOpen(true)) }}
        />
      )}
      {sheetText !== null ? <CopySheet text={sheetText} onClose={() => setSheetText(null)} /> : null}
    </div>
  );
}

/**
 * Gives the terminal the keys. On a touch screen it first lets go of them: a phone's keyboard opens on a focus made
 * by a tap, and the focus a new terminal took by itself (no tap: iOS opens no keyboard for it) made a tap's focus a
 * no-op, so tapping the terminal brought no keyboard up (ADR 0291).
 */
function focusToType(term: Terminal | null, isTouch: boolean): void {
  if (isTouch) term?.blur();
  term?.focus();
}

/** Says the terminal was sized for a wider or taller screen than this one, with a way to fit it here; nothing if it fits. */
function OtherSizeNotice({ terminal, fit, onFit }: { terminal: TerminalInfo; fit: CellSize; onFit: () => void }) {
  const text =
    terminal.cols > fit.cols ? `Sized for a wider screen: ${terminal.cols} columns, ${fit.cols} fit here.`
    : terminal.rows > fit.rows ? `Sized for a taller screen: ${terminal.rows} rows, ${fit.rows} fit here.`
    : null;
  if (!text) return null;
  return (
    <p role="status" data-other-size className="flex items-center gap-2 px-3 text-xs text-stone-300">
      <span className="min-w-0 flex-1">{text}</span>
      <button type="button" className="min-h-11 shrink-0 rounded px-2 text-sm text-stone-100 hover:bg-stone-800 mouse:min-h-9" onClick={onFit}>
        Fit to this screen
      </button>
    </p>
  );
}
