import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { parseContextUsage } from "../../claude/context-usage.ts";
import type { HostRequestOutcome } from "./host-requests.ts";
import { INITIAL_USAGE_POLICY, nextUsagePolicy, type UsagePolicyState, type UsageSignal } from "./context-usage-policy.ts";

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
 * Asks one CLI process how full its context window is, when `context-usage-policy.ts` says so: one question at a time
 * (a change while one is out asks once more afterwards). A CLI that refuses or answers in another shape is said to be
 * unable once, and not asked again.
 */
export class ContextUsageProbe {
  private policy: UsagePolicyState = INITIAL_USAGE_POLICY;
  private isUnsupported = false;

  constructor(private readonly deps: ContextUsageProbeDeps) {}

  /** A turn ended: the figure is out of date (asked about only if the CLI compacted during it). */
  turnEnded(): void {
    this.apply({ kind: "turn-ended" });
  }

  /** The CLI is compacting: asked about when the turn ends. */
  compacting(): void {
    this.apply({ kind: "compacting" });
  }

  /** The model changed: asked about now. */
  modelChanged(): void {
    this.apply({ kind: "model-changed" });
  }

  /** A device shows the figures: asked about unless the last figure is current. Returns whether a question went out. */
  watched(): boolean {
    return this.apply({ kind: "watched" });
  }

  private apply(signal: UsageSignal): boolean {
    if (this.isUnsupported) return false;
    const { state, ask } = nextUsagePolicy(this.policy, signal);
    this.policy = state;
    if (ask) void this.askOnce().catch(() => false).then((isAnswered) => this.apply({ kind: "settled", isAnswered }));
    return ask;
  }

  /** True when the CLI's figures were reported. */
  private async askOnce(): Promise<boolean> {
    const answer = this.deps.ask();
    if (!answer) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((settle) => (timer = setTimeout(() => settle(null), ANSWER_TIMEOUT_MS)));
    const outcome = await Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
    if (!outcome || !this.deps.isAlive()) return false;
    const usage = outcome.ok ? parseContextUsage(outcome.response) : null;
    if (usage) {
      this.deps.report({ type: "context.usage.updated", usage, unavailableReason: null });
      return true;
    }
    this.isUnsupported = true;
    const why = outcome.ok ? "answered in a form ChatML does not know" : `said: ${outcome.error}`;
    this.deps.report({ type: "context.usage.updated", usage: null, unavailableReason: `This Claude Code cannot report its context use (it ${why}).` });
    return false;
  }
}
