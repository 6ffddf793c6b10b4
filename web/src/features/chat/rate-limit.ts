import type { QueuedMessage } from "../../../../shared/index.ts";
import type { ConversationView } from "../../protocol/conversation-view.ts";

/** When no reset time is known, continuing is offered after this long. */
const FALLBACK_WAIT_MS = 60_000;

/** What the conversation says about API limits right now. */
export type RateLimitState =
  | { kind: "none" }
  /** The CLI waits before retrying a failed API call: count down to `until`. */
  | { kind: "retrying"; until: number; attempt: number; maxRetries: number; errorStatus: number | null }
  /** The limit stopped the turn: offer to continue at `resetsAt`. */
  | { kind: "limited"; resetsAt: number; isKnownReset: boolean };

/**
 * Pure: a retry countdown while the CLI waits; after a turn the rate limit stopped (HTTP 429, or the account's
 * limit `rejected`), when it resets — unless a message is already scheduled for then. Only the current turn's retry
 * and limit events count: an earlier turn's 8 s retry wait or a limit since lifted says nothing about this one.
 */
export function rateLimitState(view: ConversationView, isBusy: boolean, queue: QueuedMessage[], now: number): RateLimitState {
  const isThisTurn = (at: number) => view.promptAt === null || at >= view.promptAt;
  const retry = view.apiRetry;
  if (retry && isBusy && isThisTurn(retry.at)) return { kind: "retrying", until: retry.at + retry.delayMs, attempt: retry.attempt, maxRetries: retry.maxRetries, errorStatus: retry.errorStatus };
  if (isBusy || queue.some((m) => m.sendAfter !== null)) return { kind: "none" };
  const limit = view.rateLimit;
  if (limit?.status === "rejected" && limit.resetsAt !== null && limit.resetsAt > now && isThisTurn(limit.at)) return { kind: "limited", resetsAt: limit.resetsAt, isKnownReset: true };
  const turn = view.lastTurn;
  if (!turn?.isError || turn.apiErrorStatus !== 429) return { kind: "none" };
  const last = view.lastApiRetry;
  const lastWait = last?.errorStatus === 429 && isThisTurn(last.at) ? last.delayMs : FALLBACK_WAIT_MS;
  return { kind: "limited", resetsAt: turn.at + lastWait, isKnownReset: false };
}
