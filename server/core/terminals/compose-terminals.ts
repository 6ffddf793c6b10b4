import type { SessionId } from "../../../shared/ids.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import { spawnPty } from "../../terminal/pty.ts";
import type { EventBus } from "../event-bus.ts";
import { TerminalService, type SessionPlace } from "./terminal-service.ts";

type Deps = {
  repos: Pick<Repositories, "sessions" | "workspaces" | "terminals">;
  bus: EventBus;
  now: () => number;
  env: Record<string, string | undefined>;
  /** See TerminalServiceDeps (tests take them sooner). */
  lastLinesEveryMs?: number;
};

/** Builds the terminal service for the composition root: sessions' folders and env sets, cleanup on archive and deletion. */
export function composeTerminals({ repos, bus, now, env, lastLinesEveryMs }: Deps): TerminalService {
  const placeOf = (sessionId: SessionId): SessionPlace | null => {
    const session = repos.sessions.get(sessionId);
    if (!session) return null;
    const workspace = repos.workspaces.get(session.workspaceId);
    const envSet = session.envSet ? (workspace?.envSets[session.envSet] ?? {}) : {};
    const isArchived = session.archivedAt !== null || (workspace?.archivedAt ?? null) !== null;
    return { cwd: session.worktreePath ?? session.cwd, env: envSet, isArchived };
  };
  const terminals = new TerminalService({ spawn: spawnPty, now, placeOf, baseEnv: env, records: repos.terminals, ...(lastLinesEveryMs ? { lastLinesEveryMs } : {}) });
  // A session archived, deleted, or gone with its workspace (removed or deleted) leaves no shell running unseen.
  bus.subscribe((message) => {
    if (message.kind !== "entity") return;
    const { change } = message;
    if (change.kind === "session" && change.session.archivedAt !== null) void terminals.closeSession(change.session.id);
    if (change.kind === "workspace" && change.workspace.archivedAt !== null) {
      for (const session of repos.sessions.list(change.workspace.id)) void terminals.closeSession(session.id);
    }
    if (change.kind !== "removed") return;
    if (change.entity === "session") void terminals.closeSession(change.id as SessionId);
    if (change.entity === "workspace") void terminals.closeOrphans();
  });
  return terminals;
}
