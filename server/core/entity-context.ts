import type { SessionId } from "../../shared/ids.ts";
import type { Conversation, Session, Workspace } from "../../shared/protocol/model.ts";
import type { Repositories } from "../persistence/repositories.ts";
import type { SessionPatch } from "../persistence/session-repo.ts";
import type { EventBus } from "./event-bus.ts";

/** What the workspace/session services share: storage, the bus, the clock. */
export type EntityDeps = { repos: Repositories; bus: EventBus; now: () => number };

/** Pushes a workspace, session or conversation upsert to every device. */
export function publish(bus: EventBus, entity: { workspace: Workspace } | { session: Session } | { conversation: Conversation }): void {
  if ("workspace" in entity) bus.publish({ kind: "entity", change: { kind: "workspace", workspace: entity.workspace } });
  else if ("session" in entity) bus.publish({ kind: "entity", change: { kind: "session", session: entity.session } });
  else bus.publish({ kind: "entity", change: { kind: "conversation", conversation: entity.conversation } });
}

/** Updates a session and publishes it; `isQuiet` keeps its `updatedAt` (background facts like git state). */
export function patchSession(deps: EntityDeps, id: SessionId, patch: SessionPatch, isQuiet = false): Session {
  const session = deps.repos.sessions.update(id, patch, { isQuiet });
  publish(deps.bus, { session });
  return session;
}
