import { BudgetState } from "../../../../shared/index.ts";
import { ApiError } from "../../lib/http.ts";

/**
 * The budget a refused message carries (the server's 409 holds the limit that is used up), or null for any other
 * error: put in the budget store, it shows the used-up notice on a page that had not heard the limit run out (one
 * opened or reloaded after it did).
 */
export function refusedBudget(error: unknown): BudgetState | null {
  if (!(error instanceof ApiError) || error.code !== "conflict") return null;
  const parsed = BudgetState.safeParse((error.details as { budget?: unknown } | null | undefined)?.budget);
  return parsed.success && parsed.data.exhausted !== null ? parsed.data : null;
}
