/**
 * The background one-shots' lane (titles, summaries), as state only: which calls run, which wait, which are paused,
 * given the number of turns running now and the time. No processes and no timers here: the caller does what the
 * answered actions say and calls {@link OneShotLane.expire} at {@link OneShotLane.nextDeadline} (ADR 0204).
 *
 * - At most `width` calls are started (running or paused) at once; the others wait, first come first served.
 * - While `holdAt` or more turns run, the lane is held: no call starts, and the running ones are paused.
 * - Held is bounded: a call asked `holdCapMs` ago or more is overdue and is never held again (it starts when a place
 *   frees, or resumes, and then runs at its low priority whatever the turns do), so a title always arrives.
 */
export type LaneAction = { kind: "start" | "pause" | "resume"; id: number };

export type LaneLimits = { width: number; holdAt: number; holdCapMs: number };

type Call = { id: number; askedAt: number; state: "waiting" | "running" | "paused" };

export class OneShotLane {
  /** In the order they were asked (so the first waiting is the one to start, and the most overdue). */
  private readonly calls: Call[] = [];
  private turns = 0;

  constructor(private readonly limits: LaneLimits) {}

  /** A call `id` asks for a place at `now`. */
  ask(id: number, now: number): LaneAction[] {
    this.calls.push({ id, askedAt: now, state: "waiting" });
    return this.settle(now);
  }

  /** Call `id` ended (answered, failed or was cut off): its place goes to the next. */
  finished(id: number, now: number): LaneAction[] {
    const index = this.calls.findIndex((call) => call.id === id);
    if (index >= 0) this.calls.splice(index, 1);
    return this.settle(now);
  }

  /** The number of turns running changed. */
  turnsChanged(count: number, now: number): LaneAction[] {
    this.turns = count;
    return this.settle(now);
  }

  /** Time passed (the caller's timer, at {@link nextDeadline}): calls whose hold ran out go on. */
  expire(now: number): LaneAction[] {
    return this.settle(now);
  }

  /** When the next held call becomes overdue; null when nothing is held. */
  nextDeadline(): number | null {
    if (!this.isHeld) return null;
    const held = this.calls.filter((call) => call.state !== "running");
    return held.length === 0 ? null : Math.min(...held.map((call) => call.askedAt + this.limits.holdCapMs));
  }

  get isHeld(): boolean {
    return this.turns >= this.limits.holdAt;
  }

  private settle(now: number): LaneAction[] {
    const actions: LaneAction[] = [];
    const mayRun = (call: Call) => !this.isHeld || now - call.askedAt >= this.limits.holdCapMs;
    for (const call of this.calls) {
      if (call.state === "paused" && mayRun(call)) actions.push(this.move(call, "running", "resume"));
      else if (call.state === "running" && !mayRun(call)) actions.push(this.move(call, "paused", "pause"));
    }
    let started = this.calls.filter((call) => call.state !== "waiting").length;
    for (const call of this.calls) {
      if (started >= this.limits.width || call.state !== "waiting") continue;
      // First come first served: a held first call is not overtaken (a later one cannot be more overdue).
      if (!mayRun(call)) break;
      actions.push(this.move(call, "running", "start"));
      started++;
    }
    return actions;
  }

  private move(call: Call, state: Call["state"], kind: LaneAction["kind"]): LaneAction {
    call.state = state;
    return { kind, id: call.id };
  }
}
