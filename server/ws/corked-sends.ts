/** What this needs of a socket: Bun's `ServerWebSocket` has it all. */
export type CorkableSocket = {
  send(text: string): number;
  cork<T>(callback: () => T): T;
  getBufferedAmount(): number;
  close(code?: number, reason?: string): void;
};

/**
 * Frames for browser sockets leave in one write per socket and callback (issue 16). Without it, each `send` was a
 * system call of its own: a CLI chunk at a turn's start or end (entity, event and delta frames), a message POST
 * (status, entity, event frames) or a replay page (up to 500 events) made as many writes as frames: a third of the
 * samples of a wall-clock profile of 20 turns' first 0.25 s were in `send`. Frames queue per socket and are written at
 * the end of the current task (a microtask, so before the loop goes on: no frame waits for another task), corked into
 * one write when there are several. Order per socket is kept; a socket's queue is written before it is closed.
 */
export class CorkedSends<Socket extends CorkableSocket> {
  private readonly queued = new Map<Socket, string[]>();
  private scheduled = false;

  constructor(
    /** A socket with more than this waiting in its buffer is closed (1013) instead of written to. */
    private readonly maxBufferedBytes: number,
    private readonly onSent?: (text: string, buffered: number, answer: number) => void,
  ) {}

  send(ws: Socket, text: string): void {
    const queue = this.queued.get(ws);
    if (queue) queue.push(text);
    else this.queued.set(ws, [text]);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flushAll());
  }

  /** Closes a socket after writing what was queued for it (an error frame before a close, say). */
  close(ws: Socket, code: number, reason: string): void {
    this.flush(ws);
    ws.close(code, reason);
  }

  /** Writes what is queued for `ws` now. */
  flush(ws: Socket): void {
    const texts = this.queued.get(ws);
    if (!texts) return;
    this.queued.delete(ws);
    this.write(ws, texts);
  }

  private flushAll(): void {
    this.scheduled = false;
    const batches = [...this.queued];
    this.queued.clear();
    for (const [ws, texts] of batches) this.write(ws, texts);
  }

  private write(ws: Socket, texts: string[]): void {
    const buffered = ws.getBufferedAmount();
    if (buffered > this.maxBufferedBytes) return ws.close(1013, "too far behind; reconnect and resume");
    const sendAll = () => {
      for (const text of texts) {
        const answer = ws.send(text);
        this.onSent?.(text, buffered, answer);
      }
    };
    if (texts.length === 1) sendAll();
    else ws.cork(sendAll);
  }
}
