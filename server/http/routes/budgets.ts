import { Hono } from "hono";
import { SetConversationBudgetInput, SetWorkspaceBudgetInput } from "../../../shared/api/budgets-inputs.ts";
import { ConversationIdParam } from "../../../shared/api/inputs.ts";
import { WorkspaceId } from "../../../shared/ids.ts";
import { z } from "zod";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const WorkspaceParam = z.object({ id: WorkspaceId });

/** Budgets: a conversation's limits and totals, and a workspace's defaults. */
export function budgetRoutes(services: Pick<HttpServices, "budgets">) {
  return new Hono()
    .get("/conversations/:id/budget", validate("param", ConversationIdParam), (c) => c.json({ budget: services.budgets.state(c.req.valid("param").id) }))
    .put("/conversations/:id/budget", validate("param", ConversationIdParam), validate("json", SetConversationBudgetInput), async (c) =>
      c.json({ budget: await services.budgets.setConversation(c.req.valid("param").id, c.req.valid("json").limits) }),
    )
    .get("/workspaces/:id/budget", validate("param", WorkspaceParam), (c) => c.json({ limits: services.budgets.workspaceLimits(c.req.valid("param").id) }))
    .put("/workspaces/:id/budget", validate("param", WorkspaceParam), validate("json", SetWorkspaceBudgetInput), (c) =>
      c.json({ limits: services.budgets.setWorkspace(c.req.valid("param").id, c.req.valid("json").limits) }),
    );
}
