import { Hono } from "hono";
import { z } from "zod";
import { ConnectLinearInput, LinearIssuesQuery, LinearSettingsInput, LinkLinearInput, StartFromLinearInput } from "../../../shared/api/integrations.ts";
import { SessionId } from "../../../shared/ids.ts";
import type { LinearIssueChoice } from "../../../shared/protocol/integrations.ts";
import type { Integrations } from "../../core/integrations/compose-integrations.ts";
import { validate } from "../validate.ts";

const SessionParam = z.object({ id: SessionId });

/** Linear: the connection, my and a team's issues, a session started from or linked to an issue. */
export function linearRoutes(integrations: Integrations) {
  const { linear, linearSessions } = integrations;
  return new Hono()
    .get("/integrations/linear", async (c) => c.json({ connection: await linear.refresh() }))
    .put("/integrations/linear", validate("json", ConnectLinearInput), async (c) => c.json({ connection: await linear.connect(c.req.valid("json").apiKey) }))
    .delete("/integrations/linear", (c) => c.json({ connection: linear.disconnect() }))
    .put("/integrations/linear/settings", validate("json", LinearSettingsInput), (c) => c.json({ connection: linear.setAutoStatus(c.req.valid("json").isAutoStatus) }))
    .get("/integrations/linear/teams", async (c) => c.json({ teams: await linear.teams() }))
    .get("/integrations/linear/issues", validate("query", LinearIssuesQuery), async (c) => {
      const { q, teamId, after } = c.req.valid("query");
      const { issues, nextCursor } = await linear.issues({ search: q, teamId: teamId || undefined, after: after || undefined });
      const taken = linearSessions.takenBy(issues.map((i) => i.id));
      const choices: LinearIssueChoice[] = issues.map(({ teamId: _team, stateId: _state, ...issue }) => ({ ...issue, takenBy: taken.get(issue.id) ?? null }));
      return c.json({ issues: choices, nextCursor });
    })
    .post("/integrations/linear/start", validate("json", StartFromLinearInput), async (c) => {
      const { workspaceId, issueId } = c.req.valid("json");
      return c.json(await linearSessions.start(workspaceId, issueId), 201);
    })
    .post("/integrations/linear/links", validate("json", LinkLinearInput), async (c) => {
      const { sessionId, issueId } = c.req.valid("json");
      return c.json({ issue: await linearSessions.link(sessionId, issueId) });
    })
    .get("/sessions/:id/linear", validate("param", SessionParam), (c) => c.json({ issue: linearSessions.get(c.req.valid("param").id) }))
    .get("/sessions/:id/linear/holders", validate("param", SessionParam), (c) => c.json({ holders: linearSessions.holders(c.req.valid("param").id) }))
    .post("/sessions/:id/linear/done", validate("param", SessionParam), async (c) => c.json({ issue: await linearSessions.markDone(c.req.valid("param").id) }))
    .post("/sessions/:id/linear/review", validate("param", SessionParam), async (c) => c.json({ issue: await linearSessions.markInReview(c.req.valid("param").id) }))
    .post("/sessions/:id/linear/refresh", validate("param", SessionParam), async (c) => c.json({ issue: await linearSessions.refresh(c.req.valid("param").id) }))
    .delete("/sessions/:id/linear", validate("param", SessionParam), (c) => {
      linearSessions.unlink(c.req.valid("param").id);
      return c.json({ issue: null });
    });
}
