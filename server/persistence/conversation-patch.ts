import type { ConversationId } from "../../shared/ids.ts";
import type { Conversation } from "../../shared/protocol/model.ts";
import type { Db, Params } from "./db.ts";

/** The conversation fields that change after creation (by the event projection or a direct update). */
export type ConversationPatch = Partial<
  Pick<Conversation, "title" | "status" | "statusReason" | "model" | "effort" | "permissionMode" | "cliSessionId" | "transport">
>;

/** Column of each patchable field, in the fixed order that keeps the generated SQL (and its cached statement) stable. */
const COLUMN_OF: Readonly<Record<keyof Required<ConversationPatch>, string>> = {
  title: "title",
  status: "status",
  statusReason: "status_reason",
  model: "model",
  effort: "effort",
  permissionMode: "permission_mode",
  cliSessionId: "cli_session_id",
  transport: "transport",
};
const FIELDS = Object.keys(COLUMN_OF) as (keyof ConversationPatch)[];

/** Extra columns set with a patch: always `updated_at`, and `last_seq` when events were appended. */
export type ConversationStamp = { updatedAt: number; lastSeq?: number };

/** Applies `patch` and `stamp` to one conversation row; false when no such conversation exists. */
export function writeConversationPatch(
  db: Db,
  id: ConversationId,
  patch: ConversationPatch,
  stamp: ConversationStamp,
): boolean {
  const sets = ["updated_at = $updatedAt"];
  const params: Params & { id: string } = { id, updatedAt: stamp.updatedAt };
  const written: Partial<Conversation> = { updatedAt: stamp.updatedAt };
  if (stamp.lastSeq !== undefined) {
    sets.push("last_seq = $lastSeq");
    params.lastSeq = written.lastSeq = stamp.lastSeq;
  }
  for (const field of FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    sets.push(`${COLUMN_OF[field]} = $${field}`);
    params[field] = value;
    Object.assign(written, { [field]: value });
  }
  // The row kept decoded (ADR 0132) is changed as the row is, not decoded again by the dozen reads after a commit.
  const sql = `UPDATE conversations SET ${sets.join(", ")} WHERE id = $id`;
  return db.runKeeping<Conversation>(sql, params, "conversations", (kept) => ({ ...kept, ...written })).changes > 0;
}
