import { create } from "zustand";
import type { BudgetState } from "../../../shared/index.ts";

/** Each conversation's budget (limits and usage totals), as the server streams it to every device. */
interface BudgetStoreState {
  byConversation: Record<string, BudgetState>;
  put: (budget: BudgetState) => void;
}

export const useBudgetStore = create<BudgetStoreState>()((set) => ({
  byConversation: {},
  put: (budget) => set((s) => ({ byConversation: { ...s.byConversation, [budget.conversationId]: budget } })),
}));
