import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { CheckpointService, type CheckpointServiceDeps } from "./checkpoint-service.ts";

export type CheckpointsDeps = CheckpointServiceDeps & {
  /** Reads a session's git state again (a rewind changed its files). */
  refreshGit: (sessionId: SessionId) => Promise<unknown>;
  /** Hands a send's work tree to the workbench as its turn's start (ADR 0114). */
  turnStartsFrom: (conversationId: ConversationId, tree: string) => void;
};

/** The checkpoints room: its service, and what a send runs before its turn (ADR 0015). */
export function composeCheckpoints({ refreshGit, turnStartsFrom, ...deps }: CheckpointsDeps) {
  const onFilesRewound = (id: SessionId) => void refreshGit(id).catch((error: unknown) => console.warn("[checkpoints] git refresh after a rewind failed:", error));
  const checkpoints = new CheckpointService({ ...deps, onFilesRewound });
  const stopWatching = checkpoints.watchTurns();
  const beforeTurn = async (id: ConversationId, messageId: string, text: string): Promise<void> => {
    const taken = await checkpoints.captureTurn(id, messageId, text).catch((error: unknown) => console.warn(`[checkpoints] no checkpoint for ${id}:`, error));
    if (taken?.workTree) turnStartsFrom(id, taken.workTree);
  };
  return { checkpoints, beforeTurn, stopWatching };
}
