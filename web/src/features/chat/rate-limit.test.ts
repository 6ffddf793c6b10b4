import { describe, expect, it } from "vitest";
import type { QueuedMessage, QueuedMessageId } from "../../../../shared/index.ts";
import type { DurableEvent, HistoryPage, SequencedEvent } from "../../../../shared/index.ts";
import { applyEvent } from "../../protocol/apply-event.ts";
import { emptyView, type ConversationView, type TurnResult } from "../../protocol/conversation-view.ts";
import { viewFromPage } from "../../protocol/history.ts";
import { rateLimitState } from "./rate-limit.ts";

const turn = (apiErrorStatus: number | null, at = 10_000): TurnResult => ({
  isError: apiErrorStatus !== null, subtype: "success", resultText: "API Error", errors: [], totalCostUsd: null, usage: null,
  numTurns: null, durationMs: null, durationApiMs: null, terminalReason: null, apiErrorStatus, at,
});
const view = (patch: Partial<ConversationView>): ConversationView => ({ ...emptyView(), ...patch });
const retry = { attempt: 1, maxRetries: 2, delayMs: 8_000, errorStatus: 429, error: "rate_limit", at: 5_000 };

describe("rateLimitState", () => {
  it("counts down to the CLI's next retry while the turn runs", () => {
    expect(rateLimitState(view({ apiRetry: retry }), true, [], 6_000)).toEqual({ kind: "retrying", until: 13_000, attempt: 1, maxRetries: 2, errorStatus: 429 });
  });

  it("after a 429 ended the turn, offers to continue after the last retry's wait", () => {
    expect(rateLimitState(view({ lastTurn: turn(429), lastApiRetry: retry }), false, [], 11_000)).toEqual({ kind: "limited", resetsAt: 18_000, isKnownReset: false });
  });

  it("uses the account limit's reset time when the CLI reported one", () => {
    const rateLimit = { status: "rejected", resetsAt: 99_000, limitType: "five_hour", utilization: null, at: 1 };
    expect(rateLimitState(view({ rateLimit }), false, [], 11_000)).toEqual({ kind: "limited", resetsAt: 99_000, isKnownReset: true });
  });

  it("says nothing for other errors, or once a message is scheduled", () => {
    expect(rateLimitState(view({ lastTurn: turn(500) }), false, [], 11_000)).toEqual({ kind: "none" });
    const scheduled = { id: "qmg_abcdefgh" as QueuedMessageId, text: "Continue.", imageCount: 0, createdAt: 1, sendAfter: 18_000, state: "waiting", error: null } satisfies QueuedMessage;
    expect(rateLimitState(view({ lastTurn: turn(429) }), false, [scheduled], 11_000)).toEqual({ kind: "none" });
  });

  it("counts down to the same moment on a device that opens the conversation after the 429 as on one that watched", () => {
    const { at: _at, ...retried } = retry;
    const { at: turnAt, ...ended } = turn(429);
    const events: SequencedEvent[] = [
      { seq: 1, at: 5_000, event: { type: "api.retrying", ...retried } },
      { seq: 2, at: turnAt, event: { type: "turn.completed", ...ended } as DurableEvent },
    ];
    const watched = events.reduce(applyEvent, emptyView());
    // The newest page's state holds the newest event of each kind (the server's history page).
    const page: HistoryPage = { messages: [], nextBeforePosition: null, markers: [], state: events, todoCalls: [], pendingPermissions: [], promptAt: null, lastSeq: 2 };
    const opened = viewFromPage(page);
    expect(rateLimitState(opened, false, [], 11_000)).toEqual(rateLimitState(watched, false, [], 11_000));
    expect(rateLimitState(opened, false, [], 11_000)).toEqual({ kind: "limited", resetsAt: 18_000, isKnownReset: false });
  });
});
