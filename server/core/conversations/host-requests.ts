/** Our own control requests to the CLI that wait for its `control_response`, by request id. */
export class HostRequests {
  private nextId = 1;
  private readonly waiting = new Map<string, { subtype: string; settle: (outcome: HostRequestOutcome) => void; onRefused?: () => void }>();

  /**
   * Registers a request and returns its id and a promise of the CLI's answer. `onRefused` runs as the refusal is read,
   * before the lines after it in the same read are handled (the promise's callers run only after those).
   */
  open(subtype: string, onRefused?: () => void): { requestId: string; answer: Promise<HostRequestOutcome> } {
    const requestId = `chatml-${subtype}-${this.nextId++}`;
    const answer = new Promise<HostRequestOutcome>((settle) => this.waiting.set(requestId, { subtype, settle, onRefused }));
    return { requestId, answer };
  }

  /** Settles the request a `control_response` answers; false when it is not ours. */
  settle(requestId: string, outcome: HostRequestOutcome): boolean {
    const entry = this.waiting.get(requestId);
    if (!entry) return false;
    this.waiting.delete(requestId);
    if (!outcome.ok) entry.onRefused?.();
    entry.settle(outcome);
    return true;
  }

  /** The process is gone: every open request fails. */
  failAll(reason: string): void {
    for (const [requestId, entry] of this.waiting) {
      this.waiting.delete(requestId);
      entry.settle({ ok: false, error: reason });
    }
  }
}

export type HostRequestOutcome = { ok: true; response: unknown } | { ok: false; error: string };
