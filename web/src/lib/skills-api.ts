import type { CommandCatalog, ConversationId, SaveSkillInput, Skill, WorkspaceId } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

/** REST calls for skills, custom commands and the `/` catalog of a conversation. */
export const skillsApi = {
  list: async (workspaceId: WorkspaceId): Promise<Skill[]> => (await call(client.skills.$get({ query: { workspaceId } }))).skills as Skill[],
  save: async (input: SaveSkillInput): Promise<Skill> => (await call(client.skills.$put({ json: input }))).skill as Skill,
  remove: async (workspaceId: WorkspaceId, skillId: string): Promise<void> => void (await call(client.skills.$delete({ query: { workspaceId, skillId } }))),
  setEnabled: async (workspaceId: WorkspaceId, skillId: string, isEnabled: boolean): Promise<Skill> =>
    (await call(client.skills.enabled.$post({ json: { workspaceId, skillId, isEnabled } }))).skill as Skill,
  catalog: async (id: ConversationId): Promise<CommandCatalog> =>
    (await call(client.conversations[":id"].commands.$get({ param: { id } }))).catalog as CommandCatalog,
};
