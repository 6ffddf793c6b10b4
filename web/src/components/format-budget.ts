/**
 * How much markdown formatting the page does at once. Formatting costs about 10 µs per character (parse, syntax
 * highlighting, elements), so a fast stream or a long history would otherwise hold the main thread for seconds. A
 * block formats only while this window's budget lasts; past it, it shows its text plain and waits in a queue that
 * idle time drains newest first (the live tail and the bottom of the screen are what people read).
 */
const BUDGET_MS = 8;
const WINDOW_MS = 16;
/** Characters woken per idle slot: about one budget's worth of formatting. */
const CHARS_PER_SLOT = 1200;

export interface FormatBudget {
  /** Runs `format` and counts its time if this window has room left, else returns null without running it. */
  tryFormat<T>(format: () => T): T | null;
  /** Queues a block to try again when the page is idle; returns the cancel. */
  whenIdle(chars: number, retry: () => void): () => void;
}

type Waiting = { chars: number; retry: () => void };
type IdleScheduler = (run: () => void) => void;

const browserIdle: IdleScheduler = (run) => {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 200 });
  else setTimeout(run, 16);
};

export function createFormatBudget(now: () => number = () => performance.now(), idle: IdleScheduler = browserIdle): FormatBudget {
  let windowStart = -Infinity;
  let spent = 0;
  const waiting: Waiting[] = [];
  let isScheduled = false;

  const wake = () => {
    isScheduled = false;
    let chars = 0;
    // Newest first; at least one per slot, so a block larger than a slot still gets its turn.
    while (waiting.length > 0 && (chars === 0 || chars < CHARS_PER_SLOT)) {
      const next = waiting.pop() as Waiting;
      chars += Math.max(1, next.chars);
      next.retry();
    }
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    if (isScheduled) return;
    isScheduled = true;
    idle(wake);
  };

  return {
    tryFormat(format) {
      const started = now();
      if (started - windowStart >= WINDOW_MS) {
        windowStart = started;
        spent = 0;
      }
      if (spent >= BUDGET_MS) return null;
      const result = format();
      spent += now() - started;
      return result;
    },
    whenIdle(chars, retry) {
      const entry = { chars, retry };
      waiting.push(entry);
      schedule();
      return () => {
        const at = waiting.indexOf(entry);
        if (at !== -1) waiting.splice(at, 1);
      };
    },
  };
}

/** The page's one budget: every markdown block on screen shares it. */
export const formatBudget = createFormatBudget();
