import type { RunningTurns } from "../ports.ts";
import { OneShotLane, type LaneAction, type LaneLimits } from "./one-shot-lane.ts";

/** A started call's side of the lane: whether it is paused now, and word when that changes. */
export type Hold = {
  readonly isPaused: boolean;
  /** Calls `listener` on every pause and resume from now on. */
  watch(listener: (isPaused: boolean) => void): void;
};

/** Runs `task` once the lane starts it, with its {@link Hold}; frees its place when it ends, however. */
export type HeldLane = <T>(task: (hold: Hold) => Promise<T>) => Promise<T>;

/**
 * The {@link OneShotLane} driven by real time and a live turn count: it starts, pauses and resumes the calls it was
 * given, and wakes itself when a held call's hold runs out. With no `turns` it is never held (a plain lane of `width`).
 */
export function createHeldLane(limits: LaneLimits, turns?: RunningTurns, now: () => number = Date.now): HeldLane {
  const lane = new OneShotLane(limits);
  const calls = new Map<number, CallHold>();
  let nextId = 0;
  let wake: ReturnType<typeof setTimeout> | null = null;
  const apply = (actions: LaneAction[]) => {
    for (const action of actions) calls.get(action.id)?.[action.kind]();
    if (wake) clearTimeout(wake);
    const deadline = lane.nextDeadline();
    wake = deadline === null ? null : setTimeout(() => apply(lane.expire(now())), Math.max(0, deadline - now()));
  };
  if (turns) {
    lane.turnsChanged(turns.count(), now());
    turns.onChange((count) => apply(lane.turnsChanged(count, now())));
  }
  return async (task) => {
    const id = nextId++;
    const hold = new CallHold();
    calls.set(id, hold);
    try {
      await new Promise<void>((resolve) => {
        hold.onStart = resolve;
        apply(lane.ask(id, now()));
      });
      return await task(hold);
    } finally {
      calls.delete(id);
      apply(lane.finished(id, now()));
    }
  };
}

class CallHold implements Hold {
  isPaused = false;
  onStart: () => void = () => {};
  private readonly listeners: ((isPaused: boolean) => void)[] = [];

  watch(listener: (isPaused: boolean) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    this.onStart();
  }

  pause(): void {
    this.set(true);
  }

  resume(): void {
    this.set(false);
  }

  private set(isPaused: boolean): void {
    this.isPaused = isPaused;
    for (const listener of this.listeners) listener(isPaused);
  }
}

/**
 * Calls `onTimeout` after `ms` of running time: time while `hold` is paused does not count (a paused CLI does no work,
 * and a title held back for a minute must not be cut off for it). Answers the cancel.
 */
export function runningTimeout(ms: number, hold: Hold, onTimeout: () => void): () => void {
  let left = ms;
  let since = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = hold.isPaused ? null : setTimeout(onTimeout, left);
  let isCancelled = false;
  hold.watch((isPaused) => {
    if (isCancelled) return;
    if (isPaused && timer) {
      clearTimeout(timer);
      timer = null;
      left -= Date.now() - since;
    } else if (!isPaused && !timer) {
      since = Date.now();
      timer = setTimeout(onTimeout, Math.max(0, left));
    }
  });
  return () => {
    isCancelled = true;
    if (timer) clearTimeout(timer);
  };
}
