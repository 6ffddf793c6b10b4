import { useEffect, useState } from "react";
import type { BudgetLimits, BudgetState, ConversationId } from "../../../../shared/index.ts";
import { budgetsApi } from "../../lib/budgets-api.ts";
import { errorMessage } from "../../lib/http.ts";
import { useBudgetStore } from "../../stores/budget-store.ts";
import { useReconnects } from "../../stores/connection-store.ts";

/** A conversation's budget, live: fetched when shown and after each reconnect, kept current by the server's `budget` frames. */
export function useBudget(id: ConversationId): { budget: BudgetState | null; save: (limits: BudgetLimits | null) => Promise<boolean>; error: string | null } {
  const budget = useBudgetStore((s) => s.byConversation[id] ?? null);
  const [error, setError] = useState<string | null>(null);
  const reconnects = useReconnects();
  useEffect(() => {
    budgetsApi.get(id).then(
      (state) => {
        useBudgetStore.getState().put(state);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [id, reconnects]);
  const save = async (limits: BudgetLimits | null) => {
    try {
      useBudgetStore.getState().put(await budgetsApi.set(id, limits));
      setError(null);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };
  return { budget, save, error };
}
