import type { ServerWebSocket } from "bun";
import type { TerminalId } from "../../shared/ids.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import type { ServerFrame } from "../../shared/protocol/frames.ts";
import type { TerminalClientFrame } from "../../shared/protocol/terminals.ts";
import type { TerminalService } from "../core/terminals/terminal-service.ts";

type RelaySocket = ServerWebSocket<{ id: number; terminals?: Set<TerminalId> }>;

/**
 * The terminal frames on `/ws`: attaches a socket to terminals as a viewer (with the service's flow control),
 * forwards keystrokes and the size of the device that last showed it (web: watchShownSize), and detaches on close. Errors answer on the socket.
 */
export class TerminalRelay {
  constructor(private readonly terminals: TerminalService) {}

  handle(ws: RelaySocket, frame: TerminalClientFrame, fail: (error: AppError) => void): void {
    try {
      this.apply(ws, frame);
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      throw error;
    }
  }

  close(ws: RelaySocket): void {
    for (const id of ws.data.terminals ?? []) this.terminals.detach(id, keyOf(ws));
    ws.data.terminals?.clear();
  }

  private apply(ws: RelaySocket, frame: TerminalClientFrame): void {
    switch (frame.type) {
      case "terminal_attach": {
        const viewer = { bufferedAmount: () => ws.getBufferedAmount(), send: (f: ServerFrame) => void ws.send(JSON.stringify(f)) };
        this.terminals.attach(frame.terminalId, keyOf(ws), viewer);
        (ws.data.terminals ??= new Set()).add(frame.terminalId);
        return;
      }
      case "terminal_detach":
        this.terminals.detach(frame.terminalId, keyOf(ws));
        ws.data.terminals?.delete(frame.terminalId);
        return;
      case "terminal_input":
        return this.terminals.input(frame.terminalId, frame.data);
      case "terminal_resize":
        return this.terminals.resize(frame.terminalId, frame.cols, frame.rows);
    }
  }
}

function keyOf(ws: RelaySocket): string {
  return `socket-${ws.data.id}`;
}
