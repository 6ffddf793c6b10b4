import { expect } from "vitest";
import type { ChatmlClient } from "./chatml-client.ts";

/** What the tests read of a session row, and the id of the conversation the session was created with. */
export type SessionRow = { id: string; cwd: string; setup: { status: string } | null; conversationId: string };

/**
 * A workspace on the git repository `repo` and a session in it (named `name`, or by the server when none is given),
 * read again once its worktree is set up.
 */
export async function sessionInRepo(client: ChatmlClient, repo: string, name?: string): Promise<SessionRow> {
  type Row = Omit<SessionRow, "conversationId">;
  const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
  const created = await client.api<{ session: Row; conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspace.id, ...(name === undefined ? {} : { name }) } });
  const read = async () => (await client.api<{ session: Row }>(`/api/sessions/${created.session.id}`)).session;
  await expect.poll(async () => (await read()).setup?.status ?? "ready", { timeout: 60_000 }).toBe("ready");
  return { ...(await read()), conversationId: created.conversation.id };
}
