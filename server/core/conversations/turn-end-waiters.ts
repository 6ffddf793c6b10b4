/**
 * Interrupts waiting for their turn to end (see ConversationRuntime.interrupt): each resolves at the next turn end
 * (its result, or the process's exit), or after its own timeout, for a CLI that never ends its turn.
 */
export class TurnEndWaiters {
  private readonly waiting = new Set<() => void>();

  /** Resolves at the next turn end or after `timeoutMs`; `cancel` resolves it at once and forgets it. */
  next(timeoutMs: number): { ended: Promise<void>; cancel: () => void } {
    let settle = () => {};
    const ended = new Promise<void>((resolve) => (settle = resolve));
    const timer = setTimeout(() => cancel(), timeoutMs);
    const cancel = () => {
      clearTimeout(timer);
      this.waiting.delete(cancel);
      settle();
    };
    this.waiting.add(cancel);
    return { ended, cancel };
  }

  /** A turn ended: every waiter resolves (one that asks after this waits for the next turn's end). */
  turnEnded(): void {
    for (const settle of [...this.waiting]) settle();
  }
}
