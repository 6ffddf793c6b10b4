import type { BudgetLimits, BudgetState, ConversationId, WorkspaceId } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

/** REST calls for budgets. */
export const budgetsApi = {
  get: async (id: ConversationId): Promise<BudgetState> => (await call(client.conversations[":id"].budget.$get({ param: { id } }))).budget as BudgetState,
  set: async (id: ConversationId, limits: BudgetLimits | null): Promise<BudgetState> =>
    (await call(client.conversations[":id"].budget.$put({ param: { id }, json: { limits } }))).budget as BudgetState,
  /** The limits a workspace's new conversations (and its jobs' runs) start with. */
  getWorkspace: async (id: WorkspaceId): Promise<BudgetLimits> => (await call(client.workspaces[":id"].budget.$get({ param: { id } }))).limits as BudgetLimits,
  setWorkspace: async (id: WorkspaceId, limits: BudgetLimits): Promise<BudgetLimits> =>
    (await call(client.workspaces[":id"].budget.$put({ param: { id }, json: { limits } }))).limits as BudgetLimits,
};
