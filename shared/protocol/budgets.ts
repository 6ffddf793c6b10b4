import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId } from "../ids.ts";

/** The smallest thinking budget Claude's API accepts (`budget_tokens` >= 1024); 0 turns thinking off. */
export const MIN_THINKING_TOKENS = 1024;

/** Limits of a conversation (or a workspace's defaults for new ones); null means no limit. */
export const BudgetLimits = lazySchema(() => z.object({
  /** Total spend in USD; passed to the CLI as `--max-budget-usd` and checked by ChatML after every turn. */
  maxCostUsd: z.number().positive().max(100_000).nullable(),
  /** Model turns (API round trips) over the whole conversation; ChatML interrupts the run when reached. */
  maxTurns: z.number().int().positive().max(100_000).nullable(),
  /**
   * Thinking tokens per response (`MAX_THINKING_TOKENS` for the CLI): 0 (off) or at least the API's minimum, since a
   * value like 5 was passed on as it was and every request of that conversation failed at the API.
   */
  maxThinkingTokens: z.number().int().min(0).max(1_000_000)
    .refine((n) => n === 0 || n >= MIN_THINKING_TOKENS, `use 0 to turn thinking off, or at least ${MIN_THINKING_TOKENS}.`)
    .nullable(),
}));
export type BudgetLimits = z.infer<typeof BudgetLimits>;

export const NO_LIMITS: BudgetLimits = { maxCostUsd: null, maxTurns: null, maxThinkingTokens: null };

/** What a conversation has used so far, over all its turns (not just the last one). */
export const UsageTotals = lazySchema(() => z.object({
  costUsd: z.number(),
  /** Model turns of finished runs plus those of the run in progress. */
  turns: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheCreationTokens: z.number(),
  /** Tokens in the context window at the end of the last turn (input + cache), or null before any turn. */
  contextTokens: z.number().nullable(),
  /** Finished runs (user messages answered). */
  runs: z.number(),
  /**
   * Runs whose cost nobody reported, so `costUsd` leaves them out: turns of the interactive `claude`, whose transcript
   * has each answer's tokens but no cost (ADR 40). Absent means none.
   */
  unpricedRuns: z.number().optional(),
}));
export type UsageTotals = z.infer<typeof UsageTotals>;

export const BudgetLimitKind = lazySchema(() => z.enum(["cost", "turns"]));
export type BudgetLimitKind = z.infer<typeof BudgetLimitKind>;

/** A conversation's budget as every device shows it. */
export const BudgetState = lazySchema(() => z.object({
  conversationId: ConversationId,
  /** The limits in force: the conversation's own, else the workspace defaults. */
  limits: BudgetLimits,
  /** True when the conversation has limits of its own (not inherited from the workspace). */
  isOwn: z.boolean(),
  totals: UsageTotals,
  /** The limit that is used up (the next message is refused until it is raised), or null. */
  exhausted: BudgetLimitKind.nullable(),
}));
export type BudgetState = z.infer<typeof BudgetState>;
