import type { ConversationId } from "../../../shared/ids.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import type { EventBus } from "../event-bus.ts";
import { BudgetService } from "./budget-service.ts";

export type BudgetsDeps = {
  repos: Repositories;
  bus: EventBus;
  now: () => number;
  /** Interrupts a running turn; given late, because the conversation service is built after the budgets. */
  interrupt: (conversationId: ConversationId) => Promise<void>;
  relaunchIfIdle: (conversationId: ConversationId) => Promise<void>;
};

/** Builds the budget service and starts following committed events. */
export function composeBudgets(deps: BudgetsDeps): { budgets: BudgetService; stop: () => void } {
  const budgets = new BudgetService(deps);
  return { budgets, stop: budgets.start() };
}
