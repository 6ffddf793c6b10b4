import type { Terminal } from "@xterm/xterm";
import type { TerminalId } from "../../../../shared/index.ts";
import { onServerFrame, onSocketOpen } from "../../lib/socket.ts";
import { socket } from "../../stores/socket-sync.ts";

/** What a terminal's page hears besides output: each snapshot drawn, and the end of a flood it fell behind in. */
export type StreamListeners = {
  onSnapshot: (isCatchUp: boolean) => void;
  /** This device kept up again after a catch-up snapshot; called once xterm has drawn all it was given. */
  onCaughtUp: () => void;
};

/**
 * Connects an xterm to a server terminal over the shared socket: attach (again after every reconnect), draw the
 * snapshot then live output, and send keystrokes. Returns the function that detaches.
 */
export function streamTerminal(id: TerminalId, term: Terminal, { onSnapshot, onCaughtUp }: StreamListeners): () => void {
  const attach = () => socket.send({ type: "terminal_attach", terminalId: id });
  const offFrame = onServerFrame((frame) => {
    if (frame.type === "terminal_output" && frame.terminalId === id) term.write(frame.data);
    if (frame.type === "terminal_snapshot" && frame.terminalId === id) {
      term.reset();
      term.resize(frame.cols, frame.rows);
      term.write(frame.data);
      onSnapshot(frame.isCatchUp);
    }
    // xterm parses writes in chunks across frames: the flood is over here only once it has drawn what came before.
    if (frame.type === "terminal_caught_up" && frame.terminalId === id) term.write("", onCaughtUp);
  });
  const offOpen = onSocketOpen(attach);
  attach();
  return () => {
    offFrame();
    offOpen();
    socket.send({ type: "terminal_detach", terminalId: id });
  };
}

/** Keystrokes go in frames of at most this many UTF-16 units (the server takes up to MAX_TERMINAL_INPUT_CHARS). */
const INPUT_PIECE = 16_000;

/** Sends keystrokes in pieces the server accepts (a large paste is split); false when the socket is down and they were not sent. */
export function sendInput(id: TerminalId, data: string): boolean {
  for (let i = 0; i < data.length; ) {
    let end = Math.min(i + INPUT_PIECE, data.length);
    // Never between the two halves of an emoji (a surrogate pair): each half alone reaches the PTY as U+FFFD.
    if (end < data.length && isHighSurrogate(data.charCodeAt(end - 1))) end -= 1;
    if (!socket.send({ type: "terminal_input", terminalId: id, data: data.slice(i, end) })) return false;
    i = end;
  }
  return true;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Asks the server to size the PTY for this device (the last device that showed or typed into it wins). */
export function sendResize(id: TerminalId, cols: number, rows: number): void {
  socket.send({ type: "terminal_resize", terminalId: id, cols: Math.max(2, Math.min(500, cols)), rows: Math.max(2, Math.min(200, rows)) });
}
