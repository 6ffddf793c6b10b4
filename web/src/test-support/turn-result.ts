import type { TurnResult } from "../protocol/conversation-view.ts";

/** A turn's end as the timeline keeps it: a plain success unless `overrides` say otherwise (an API error, a stop). */
export function turnResult(overrides: Partial<TurnResult> = {}): TurnResult {
  return {
    isError: false,
    subtype: "success",
    resultText: null,
    errors: [],
    totalCostUsd: null,
    usage: null,
    numTurns: null,
    durationMs: null,
    durationApiMs: null,
    terminalReason: null,
    apiErrorStatus: null,
    at: 0,
    ...overrides,
  };
}
