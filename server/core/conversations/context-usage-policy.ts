/**
 * When to ask a CLI how full its context window is (`get_context_usage`). On 2.1.330+ one answer costs ~30
 * `count_tokens` API calls, so ChatML no longer asks after every turn (ADR 0038): it asks when someone looks at the
 * figures (a device opened the Usage panel) and they are older than the conversation, and on its own only after the
 * model changed (the window itself may differ) or the CLI compacted (the figure drops). Otherwise the last figure is
 * shown with the time it was taken.
 *
 * A pure core: `state` counts changes to the context (`version`) and remembers which version the last figure
 * describes, so an answer to a question asked before a turn ended does not pass for a fresh one.
 */
export type UsagePolicyState = {
  /** Bumped by every change to the context (a turn ended, the model changed). */
  version: number;
  /** The version the last figure describes; null before the first answer. */
  figureOf: number | null;
  /** The version a question that is out was asked at; null when none is out. */
  askedAt: number | null;
  /** A question is owed as soon as the one out is answered. */
  isAskOwed: boolean;
  /** The CLI compacted during the running turn: ask when it ends. */
  isCompactedInTurn: boolean;
};

export type UsageSignal =
  | { kind: "turn-ended" }
  | { kind: "compacting" }
  | { kind: "model-changed" }
  /** A device shows the figures (the Usage panel opened, or a turn ended while it is open). */
  | { kind: "watched" }
  /** The question out was settled: `isAnswered` when the figure was reported; ask again if one was owed. */
  | { kind: "settled"; isAnswered: boolean };

export const INITIAL_USAGE_POLICY: UsagePolicyState = { version: 0, figureOf: null, askedAt: null, isAskOwed: false, isCompactedInTurn: false };

/** The next state, and whether to ask the CLI now (never while a question is out: it is owed instead). */
export function nextUsagePolicy(state: UsagePolicyState, signal: UsageSignal): { state: UsagePolicyState; ask: boolean } {
  switch (signal.kind) {
    case "turn-ended": {
      const next = { ...state, version: state.version + 1, isCompactedInTurn: false };
      return state.isCompactedInTurn ? askFor(next) : { state: next, ask: false };
    }
    case "compacting":
      return { state: { ...state, isCompactedInTurn: true }, ask: false };
    case "model-changed":
      return askFor({ ...state, version: state.version + 1 });
    case "watched":
      return isFresh(state) ? { state, ask: false } : askFor(state);
    case "settled": {
      const figureOf = signal.isAnswered ? (state.askedAt ?? state.figureOf) : state.figureOf;
      const next = { ...state, figureOf, askedAt: null, isAskOwed: false };
      return state.isAskOwed && !isFresh(next) ? askFor(next) : { state: next, ask: false };
    }
  }
}

/** The last figure describes the context as it is now, or a question about it is already out. */
function isFresh(state: UsagePolicyState): boolean {
  return state.figureOf === state.version || state.askedAt === state.version;
}

function askFor(state: UsagePolicyState): { state: UsagePolicyState; ask: boolean } {
  if (state.askedAt !== null) return { state: state.askedAt === state.version ? state : { ...state, isAskOwed: true }, ask: false };
  return { state: { ...state, askedAt: state.version }, ask: true };
}
