import type { SessionId } from "../../../shared/ids.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import { spawnPty } from "../../terminal/pty.ts";
import type { EventBus } from "../event-bus.ts";
import { TerminalService, type SessionPlace } from "./terminal-service.ts";

type Deps = { repos: Pick<Repositories, "sessions" | "workspaces">; bus: EventBus; now: () => number; env: Record<string, string | undefined> };

/** Builds the terminal service for the composition root: sessions' folders and env sets, cleanup on deletion. */
export function composeTerminals({ repos, bus, now, env }: Deps): TerminalService {
  const placeOf = (sessionId: SessionId): SessionPlace | null => {
    const session = repos.sessions.get(sessionId);
    if (!session) return null;
    const workspace = repos.workspaces.get(session.workspaceId);
    const envSet = session.envSet ? (workspace?.envSets[session.envSet] ?? {}) : {};
    return { cwd: session.worktreePath ?? session.cwd, env: envSet };
  };
  const terminals = new TerminalService({ spawn: spawnPty, now, placeOf, baseEnv: env });
  bus.subscribe((message) => {
    if (message.kind !== "entity" || message.change.kind !== "removed") return;
    const { entity, id } = message.change;
    if (entity === "session") void terminals.closeSession(id as SessionId);
    if (entity === "workspace") void terminals.closeOrphans();
  });
  return terminals;
}
