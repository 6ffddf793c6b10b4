import type { WorkspaceId } from "../../../../shared/index.ts";
import { call, client } from "../../lib/rpc.ts";

const linear = client.integrations.linear;
const session = client.sessions[":id"].linear;
const param = (id: string) => ({ param: { id: id as never } });

/** REST calls for Linear: the connection, issues, a session started from or linked to an issue. */
export const linearApi = {
  connection: () => call(linear.$get()),
  connect: (apiKey: string) => call(linear.$put({ json: { apiKey } })),
  disconnect: () => call(linear.$delete()),
  setAutoStatus: (isAutoStatus: boolean) => call(linear.settings.$put({ json: { isAutoStatus } })),
  teams: () => call(linear.teams.$get()),
  issues: (query: { q?: string; teamId?: string; after?: string }) => call(linear.issues.$get({ query })),
  start: (workspaceId: WorkspaceId, issueId: string) => call(linear.start.$post({ json: { workspaceId, issueId } })),
  link: (sessionId: string, issueId: string) => call(linear.links.$post({ json: { sessionId: sessionId as never, issueId } })),
  linked: (sessionId: string) => call(session.$get(param(sessionId))),
  holders: (sessionId: string) => call(session.holders.$get(param(sessionId))),
  refreshLink: (sessionId: string) => call(session.refresh.$post(param(sessionId))),
  markDone: (sessionId: string) => call(session.done.$post(param(sessionId))),
  markInReview: (sessionId: string) => call(session.review.$post(param(sessionId))),
  unlink: (sessionId: string) => call(session.$delete(param(sessionId))),
};
