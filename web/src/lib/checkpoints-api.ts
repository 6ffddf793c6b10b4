import type { Checkpoint, CheckpointListing, ConversationId, RewindPreview } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

const checkpoint = client.conversations[":id"].checkpoints[":checkpointId"];

/** REST calls for file checkpoints and rewind. */
export const checkpointsApi = {
  list: async (id: ConversationId): Promise<CheckpointListing> => (await call(client.conversations[":id"].checkpoints.$get({ param: { id } }))) as CheckpointListing,
  preview: async (id: ConversationId, checkpointId: string): Promise<RewindPreview> =>
    (await call(checkpoint.preview.$get({ param: { id, checkpointId } }))).preview as RewindPreview,
  rewind: async (id: ConversationId, checkpointId: string): Promise<{ undo: Checkpoint }> =>
    (await call(checkpoint.rewind.$post({ param: { id, checkpointId } }))) as { undo: Checkpoint },
};
