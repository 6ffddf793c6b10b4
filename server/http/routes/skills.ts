import { Hono } from "hono";
import { DeleteSkillQuery, ListSkillsQuery, SaveSkillInput, SetSkillEnabledInput } from "../../../shared/api/skills-inputs.ts";
import { ConversationIdParam } from "../../../shared/api/inputs.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Skills and custom commands per workspace, and what autocompletes after `/` in a conversation. */
export function skillRoutes(services: Pick<HttpServices, "skills">) {
  return new Hono()
    .get("/skills", validate("query", ListSkillsQuery), (c) => c.json({ skills: services.skills.list(c.req.valid("query").workspaceId) }))
    .put("/skills", validate("json", SaveSkillInput), (c) => c.json({ skill: services.skills.save(c.req.valid("json")) }))
    .delete("/skills", validate("query", DeleteSkillQuery), (c) => {
      const { workspaceId, skillId } = c.req.valid("query");
      services.skills.remove(workspaceId, skillId);
      return c.json({ isDeleted: true });
    })
    .post("/skills/enabled", validate("json", SetSkillEnabledInput), (c) => {
      const { workspaceId, skillId, isEnabled } = c.req.valid("json");
      return c.json({ skill: services.skills.setEnabled(workspaceId, skillId, isEnabled) });
    })
    .get("/conversations/:id/commands", validate("param", ConversationIdParam), async (c) =>
      c.json({ catalog: await services.skills.catalog(c.req.valid("param").id) }),
    );
}
