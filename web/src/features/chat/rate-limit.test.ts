import { describe, expect, it } from "vitest";
import type { QueuedMessage, QueuedMessageId } from "../../../../shared/index.ts";
import type { DurableEvent, HistoryPage, SequencedEvent } from "../../../../shared/index.ts";
import { applyEvent } from "../../protocol/apply-event.ts";
import { emptyView, type ConversationView, type TurnResult } from "../../protocol/conversation-view.ts";
import { viewFromPage } from "../../protocol/history.ts";
import { rateLimitState } from "./rate-limit.ts";
import { msgId, prtId } from "../../protocol/test-fixtures.ts";

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
  describe("only the current turn's events drive it", () => {
    const { at: _at, ...retried } = retry;
    const { at: _turnAt, ...ended } = turn(429);
    const { at: _okAt, ...went } = turn(null);
    const prompt = (seq: number, at: number): SequencedEvent => ({
      seq, at, event: { type: "message.created", message: { id: msgId(`u${seq}`), role: "user", parentToolUseId: null, model: null, createdAt: at, parts: [{ id: prtId(`t${seq}`), kind: "text", text: "go on" }] } },
    });
    // Turn 1 waited 8 s on a 429 and then went through; turn 2 (prompt at 20 s) ended on a 429 with no retry of its own.
    const events: SequencedEvent[] = [
      prompt(1, 1_000),
      { seq: 2, at: 5_000, event: { type: "api.retrying", ...retried } },
      { seq: 3, at: 9_000, event: { type: "turn.completed", ...went } as DurableEvent },
      prompt(4, 20_000),
      { seq: 5, at: 30_000, event: { type: "turn.completed", ...ended } as DurableEvent },
    ];

    it("an earlier turn's retry wait does not set when this turn's limit resets", () => {
      const watched = events.reduce(applyEvent, emptyView());
      expect(rateLimitState(watched, false, [], 31_000)).toEqual({ kind: "limited", resetsAt: 90_000, isKnownReset: false });
    });

    it("nor on a device that opens the conversation afterwards (the page names the newest prompt)", () => {
      const state = [events[1]!, events[4]!];
      const page: HistoryPage = { messages: [], nextBeforePosition: null, markers: [], state, todoCalls: [], pendingPermissions: [], promptAt: 20_000, lastSeq: 5 };
      expect(rateLimitState(viewFromPage(page), false, [], 31_000)).toEqual({ kind: "limited", resetsAt: 90_000, isKnownReset: false });
    });

    it("an earlier turn's retry never counts down in a turn that is running now", () => {
      expect(rateLimitState(view({ apiRetry: retry, promptAt: 20_000 }), true, [], 21_000)).toEqual({ kind: "none" });
    });

    it("an account limit reported before the newest prompt does not stop it", () => {
      const rateLimit = { status: "rejected", resetsAt: 99_000, limitType: "five_hour", utilization: null, at: 1_000 };
      expect(rateLimitState(view({ rateLimit, promptAt: 20_000, lastTurn: turn(null, 30_000) }), false, [], 31_000)).toEqual({ kind: "none" });
    });
  });
});
