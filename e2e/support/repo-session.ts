import { expect } from "vitest";
import type { ChatmlClient } from "./chatml-client.ts";

/** What the tests read of a session row. */
export type SessionRow = { id: string; cwd: string; setup: { status: string } | null };

/** A workspace on the git repository `repo` and a session named `name` in it, once its worktree is set up. */
export async function sessionInRepo(client: ChatmlClient, repo: string, name: string): Promise<SessionRow> {
  const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
  const { session } = await client.api<{ session: SessionRow }>("/api/sessions", { body: { workspaceId: workspace.id, name } });
  await expect.poll(async () => (await client.api<{ session: SessionRow }>(`/api/sessions/${session.id}`)).session.setup?.status ?? "ready", { timeout: 30_000 }).toBe("ready");
  return session;
}
