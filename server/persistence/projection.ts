import type { MessageId, PermissionId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import { PermissionMode, type Message, type Part, type PermissionRequest } from "../../shared/protocol/model.ts";
import type { ConversationPatch } from "./conversation-patch.ts";

/** One change to the read model that a durable event implies. Pure data; `projection-store.ts` writes it. */
export type ProjectionOp =
  | { op: "message.upsert"; message: Message }
  | { op: "part.upsert"; messageId: MessageId; part: Part }
  | { op: "part.append"; append: PartAppended }
  | { op: "permission.open"; request: PermissionRequest }
  | { op: "permission.close"; requestId: PermissionId }
  | { op: "conversation.patch"; patch: ConversationPatch };

/**
 * What `event` changes in the projections (messages, parts, pending permissions, conversation row).
 * Events that only live in the log (turn.completed, notice, …) change nothing.
 */
export function projectEvent(event: DurableEvent): ProjectionOp[] {
  switch (event.type) {
    case "message.created":
      return [{ op: "message.upsert", message: event.message }];
    case "message.part.updated":
      return [{ op: "part.upsert", messageId: event.messageId, part: event.part }];
    case "message.part.appended":
      return [{ op: "part.append", append: event }];
    case "permission.requested":
      return [{ op: "permission.open", request: event.request }];
    case "permission.resolved":
      return [{ op: "permission.close", requestId: event.requestId }];
    case "conversation.status.changed":
      return [{ op: "conversation.patch", patch: { status: event.status, statusReason: event.reason } }];
    case "cli.session.updated":
      return [{ op: "conversation.patch", patch: cliSessionPatch(event) }];
    case "cli.status.changed":
      return event.permissionMode ? [{ op: "conversation.patch", patch: { permissionMode: event.permissionMode } }] : [];
    default:
      return [];
  }
}

/**
 * Whether `event` changes the conversation's row (its status, mode, model…), which every device lists: only then are
 * devices sent the row again. A `system/status` line without a mode ("requesting", at each turn's start) changed
 * nothing listed, yet sent every socket the whole row.
 */
export function changesConversationRow(event: DurableEvent): boolean {
  return projectEvent(event).some((op) => op.op === "conversation.patch");
}

type CliSessionUpdated = Extract<DurableEvent, { type: "cli.session.updated" }>;
export type PartAppended = Extract<DurableEvent, { type: "message.part.appended" }>;

/** The CLI's facts; nulls mean "not reported" and keep what we have. An unknown mode (a newer CLI's) is ignored. */
function cliSessionPatch(event: CliSessionUpdated): ConversationPatch {
  const patch: ConversationPatch = { cliSessionId: event.cliSessionId };
  if (event.model !== null) patch.model = event.model;
  if (event.transport !== null) patch.transport = event.transport;
  const mode = PermissionMode.safeParse(event.permissionMode);
  if (mode.success) patch.permissionMode = mode.data;
  return patch;
}

/** Folds a batch's conversation patches into one; later fields win, as if applied one by one. */
export function mergePatches(into: ConversationPatch, patch: ConversationPatch): ConversationPatch {
  return Object.assign(into, patch);
}
