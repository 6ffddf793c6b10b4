import { ConversationId, type PermissionId } from "../../shared/ids.ts";
import { PermissionRequest } from "../../shared/protocol/model.ts";
import type { Db } from "./db.ts";
import { decodeJson, decodeRow } from "./errors.ts";

type PendingRow = { conversation_id: string; id: string; payload: string };

/** An open request with the conversation it belongs to. */
export type PendingPermission = { conversationId: ConversationId; request: PermissionRequest };

/**
 * Reads the permission requests still waiting for an answer (written only by the event projection: opened by
 * `permission.requested`, closed by `permission.resolved`). After a restart, `listAll` names the ones to cancel.
 */
export class PendingPermissionRepo {
  constructor(private readonly db: Db) {}

  /** Open requests of one conversation, oldest first. */
  list(conversationId: ConversationId): PermissionRequest[] {
    return this.db
      .all<PendingRow>(
        `SELECT conversation_id, id, payload FROM pending_permissions WHERE conversation_id = $conversationId
         ORDER BY created_at, rowid`,
        { conversationId },
      )
      .map((row) => toPending(row).request);
  }

  /** One open request, or null when it is not (or no longer) pending. */
  get(conversationId: ConversationId, id: PermissionId): PermissionRequest | null {
    const row = this.db.get<PendingRow>(
      "SELECT conversation_id, id, payload FROM pending_permissions WHERE conversation_id = $conversationId AND id = $id",
      { conversationId, id },
    );
    return row ? toPending(row).request : null;
  }

  /** Every open request of every conversation, oldest first. */
  listAll(): PendingPermission[] {
    return this.db
      .all<PendingRow>("SELECT conversation_id, id, payload FROM pending_permissions ORDER BY created_at, rowid")
      .map(toPending);
  }
}

function toPending(row: PendingRow): PendingPermission {
  const where = `pending permission ${row.conversation_id}/${row.id}`;
  return {
    conversationId: decodeRow(ConversationId, row.conversation_id, where),
    request: decodeJson(PermissionRequest, row.payload, where),
  };
}
