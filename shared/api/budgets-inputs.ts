import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { BudgetLimits } from "../protocol/budgets.ts";

/** Sets (or, with `limits: null`, removes) a conversation's own limits; without its own it uses the workspace's. */
export const SetConversationBudgetInput = lazySchema(() => z.object({ limits: BudgetLimits.nullable() }));
export type SetConversationBudgetInput = z.infer<typeof SetConversationBudgetInput>;

/** The limits new conversations of a workspace start with. */
export const SetWorkspaceBudgetInput = lazySchema(() => z.object({ limits: BudgetLimits }));
export type SetWorkspaceBudgetInput = z.infer<typeof SetWorkspaceBudgetInput>;
