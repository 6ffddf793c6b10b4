import { newId, type ConversationId } from "../../../shared/ids.ts";
import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import type { ConversationService } from "../conversations/conversation-service.ts";
import type { EntityDeps } from "../entity-context.ts";
import type { PickOptions } from "./name-pool.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { SessionLifecycle } from "./session-lifecycle.ts";
import { SessionService } from "./session-service.ts";
import { TitleGenerator } from "./title-generator.ts";
import { WorkspaceService, type WorkspaceServiceDeps } from "./workspace-service.ts";

/** Inputs of {@link composeWorkspaces}. */
export type ComposeDeps = EntityDeps & {
  dataDir: string;
  conversations: Pick<ConversationService, "sendMessage" | "stop">;
  /** The server's one-shot CLI calls (titles, summaries). */
  oneShot: OneShot;
  /** Name-pool options (tests use a tiny pool). */
  pick?: PickOptions;
  /** Modes Claude Code would refuse to start in here (ADR 0097). */
  unavailableModes?: readonly UnavailablePermissionMode[];
  /** The jobs room's side of deleting a workspace's history (ADR 0261). */
  prepareDeletingPlans?: WorkspaceServiceDeps["prepareDeletingPlans"];
};

/** The workspace side of the server, wired: workspaces, sessions, lifecycle, titles, git watchers. */
export type WorkspaceParts = {
  workspaces: WorkspaceService;
  sessions: SessionService;
  lifecycle: SessionLifecycle;
  /** Re-checks folders, resumes git watching and cut-off summaries; call once after startup. */
  start(): Promise<void>;
  stop(): void;
};

/** Builds and connects the workspace/session services (the composition root calls this once). */
export function composeWorkspaces(deps: ComposeDeps): WorkspaceParts {
  const { oneShot } = deps;
  const stopConversations = async (ids: ConversationId[]) => {
    await Promise.all(
      ids.map((id) => deps.conversations.stop(id, newId("message").replace("msg_", "stop")).catch((error: unknown) => console.warn(`[sessions] stopping ${id} failed:`, error))),
    );
  };
  const sendFirstMessage = async (id: ConversationId, text: string) => {
    await deps.conversations.sendMessage(id, { commandId: newId("message").replace("msg_", "first"), text, images: [] });
  };
  // `sessions` is made next: the workspace service asks it to watch a folder session only once both exist.
  const workspaces = new WorkspaceService({ ...deps, sendFirstMessage, stopConversations, watchGit: (session) => sessions.git.watch(session) });
  const sessions: SessionService = new SessionService({ ...deps, workspaces });
  const lifecycle = new SessionLifecycle({ ...deps, sessions, stopConversations, oneShot });
  const titles = new TitleGenerator(deps, oneShot);
  const unsubscribes = [titles.start(), refreshGitOnTurnEnd(deps, sessions)];
  return {
    workspaces,
    sessions,
    lifecycle,
    start: async () => {
      await workspaces.checkAll();
      // Not awaited: the server listens while the sessions' git state is watched behind it.
      void sessions.resume().watched;
      lifecycle.resumeSummaries();
    },
    stop: () => {
      lifecycle.stop();
      for (const unsubscribe of unsubscribes) unsubscribe();
      sessions.git.closeAll();
    },
  };
}

/**
 * A finished turn may have changed files outside the index: read the session's git state again, debounced and off
 * the turn's path (a plain folder is not a repository and is never read).
 */
function refreshGitOnTurnEnd(deps: EntityDeps, sessions: SessionService): () => void {
  return deps.bus.subscribe((message) => {
    if (message.kind !== "event" || message.sequenced.event.type !== "turn.completed") return;
    const conversation = deps.repos.conversations.get(message.conversationId);
    if (conversation) sessions.git.scheduleRefresh(conversation.sessionId);
  });
}
