import { BudgetLimits } from "../../../../shared/index.ts";
import { readableIssue } from "../../lib/readable-issue.ts";

/** The budget form's three boxes, as typed; an empty box is no limit. */
export type BudgetFields = { maxCostUsd: string; maxTurns: string; maxThinkingTokens: string };
type Field = keyof BudgetFields;

/**
 * What an empty box means, as its placeholder in the conversation's and the workspace's form alike: no cost or turn
 * limit, and the CLI's own thinking budget (the workspace form said "none" where the conversation's said "default").
 */
export const EMPTY_MEANS: Record<Field, string> = { maxCostUsd: "none", maxTurns: "none", maxThinkingTokens: "default" };

/** What each box is called in its error. */
const LABELS: Record<Field, string> = { maxCostUsd: "Cost (USD)", maxTurns: "Turns", maxThinkingTokens: "Thinking tokens" };

/** The limits the boxes say, or a sentence per box that says none: nothing typed is ever read as "no limit". */
export type BudgetFieldsResult = { ok: true; limits: BudgetLimits } | { ok: false; errors: Partial<Record<Field, string>> };

/** The boxes as they show a conversation's limits. */
export function fieldsOf(limits: BudgetLimits): BudgetFields {
  const text = (value: number | null) => (value === null ? "" : String(value));
  return { maxCostUsd: text(limits.maxCostUsd), maxTurns: text(limits.maxTurns), maxThinkingTokens: text(limits.maxThinkingTokens) };
}

/**
 * Reads the boxes strictly: "$5", "ten", "5,50" or 1e309 are no numbers (read loosely, they became "no limit" or
 * another number than the one typed), and a fraction of a turn is refused, not rounded; the ranges are the schema's.
 */
export function limitsFromFields(fields: BudgetFields): BudgetFieldsResult {
  const errors: Partial<Record<Field, string>> = {};
  const read = (field: Field): number | null => {
    const typed = fields[field].trim();
    if (typed === "") return null;
    const value = Number(typed);
    if (Number.isFinite(value)) return value;
    errors[field] = `${LABELS[field]}: enter a number like ${field === "maxCostUsd" ? "2.50" : "20"}, or leave it empty for no limit.`;
    return null;
  };
  const typed = { maxCostUsd: read("maxCostUsd"), maxTurns: read("maxTurns"), maxThinkingTokens: read("maxThinkingTokens") };
  const parsed = BudgetLimits.safeParse(typed);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, limits: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as Field;
    errors[field] ??= `${LABELS[field]}: ${readableIssue(issue.message)}`;
  }
  return { ok: false, errors };
}
