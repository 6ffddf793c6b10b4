import type { BudgetLimits, BudgetState, ConversationId } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

/** REST calls for budgets. */
export const budgetsApi = {
  get: async (id: ConversationId): Promise<BudgetState> => (await call(client.conversations[":id"].budget.$get({ param: { id } }))).budget as BudgetState,
  set: async (id: ConversationId, limits: BudgetLimits | null): Promise<BudgetState> =>
    (await call(client.conversations[":id"].budget.$put({ param: { id }, json: { limits } }))).budget as BudgetState,
};
