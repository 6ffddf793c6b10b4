import type { Terminal } from "@xterm/xterm";
import type { TerminalId } from "../../../../shared/index.ts";
import { onServerFrame, onSocketOpen } from "../../lib/socket.ts";
import { socket } from "../../stores/socket-sync.ts";

/**
 * Connects an xterm to a server terminal over the shared socket: attach (again after every reconnect), draw the
 * snapshot then live output, and send keystrokes. Returns the function that detaches.
 */
export function streamTerminal(id: TerminalId, term: Terminal, onSnapshot: (cols: number, rows: number, isCatchUp: boolean) => void): () => void {
  const attach = () => socket.send({ type: "terminal_attach", terminalId: id });
  const offFrame = onServerFrame((frame) => {
    if (frame.type === "terminal_output" && frame.terminalId === id) term.write(frame.data);
    if (frame.type === "terminal_snapshot" && frame.terminalId === id) {
      term.reset();
      term.resize(frame.cols, frame.rows);
      term.write(frame.data);
      onSnapshot(frame.cols, frame.rows, frame.isCatchUp);
    }
  });
  const offOpen = onSocketOpen(attach);
  attach();
  return () => {
    offFrame();
    offOpen();
    socket.send({ type: "terminal_detach", terminalId: id });
  };
}

/** Sends keystrokes in pieces the server accepts (a large paste is split); false when the socket is down and they were not sent. */
export function sendInput(id: TerminalId, data: string): boolean {
  for (let i = 0; i < data.length; i += 16_000) if (!socket.send({ type: "terminal_input", terminalId: id, data: data.slice(i, i + 16_000) })) return false;
  return true;
}

/** Asks the server to size the PTY for this device (the last device that showed or typed into it wins). */
export function sendResize(id: TerminalId, cols: number, rows: number): void {
  socket.send({ type: "terminal_resize", terminalId: id, cols: Math.max(2, Math.min(500, cols)), rows: Math.max(2, Math.min(200, rows)) });
}
