import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { parseContextUsage } from "../../claude/context-usage.ts";
import type { HostRequestOutcome } from "./host-requests.ts";

/** 2.1.330 counts tokens with ~30 API calls for one answer: give it time, but never wait on it forever. */
const ANSWER_TIMEOUT_MS = 60_000;

export type ContextUsageProbeDeps = {
  /** Sends `get_context_usage` to this probe's CLI; null when it no longer takes input. */
  ask: () => Promise<HostRequestOutcome> | null;
  /** Whether this probe's CLI still runs (a request failed because it exited is not a refusal). */
  isAlive: () => boolean;
  report: (event: Extract<DurableEvent, { type: "context.usage.updated" }>) => void;
};

/**
 * Asks one CLI process how full its context window is, after each turn: one question at a time (a turn that ends
 * while one is out asks once more afterwards). A CLI that refuses or answers in another shape is said to be unable
 * once, and not asked again.
 */
export class ContextUsageProbe {
  private isAsking = false;
  private isAgainWanted = false;
  private isUnsupported = false;

  constructor(private readonly deps: ContextUsageProbeDeps) {}

  /** Asks (in the background) unless a question is already out or this CLI cannot say. */
  refresh(): void {
    if (this.isUnsupported) return;
    if (this.isAsking) {
      this.isAgainWanted = true;
      return;
    }
    this.isAsking = true;
    void this.askOnce().finally(() => {
      this.isAsking = false;
      if (!this.isAgainWanted) return;
      this.isAgainWanted = false;
      this.refresh();
    });
  }

  private async askOnce(): Promise<void> {
    const answer = this.deps.ask();
    if (!answer) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((settle) => (timer = setTimeout(() => settle(null), ANSWER_TIMEOUT_MS)));
    const outcome = await Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
    if (!outcome || !this.deps.isAlive()) return;
    const usage = outcome.ok ? parseContextUsage(outcome.response) : null;
    if (usage) return this.deps.report({ type: "context.usage.updated", usage, unavailableReason: null });
    this.isUnsupported = true;
    const why = outcome.ok ? "answered in a form ChatML does not know" : `said: ${outcome.error}`;
    this.deps.report({ type: "context.usage.updated", usage: null, unavailableReason: `This Claude Code cannot report its context use (it ${why}).` });
  }
}
