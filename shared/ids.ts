import { z } from "zod";
import { idPattern, ID_PREFIXES, type IdKind } from "./id-shape.ts";
import { lazySchema } from "./lazy-schema.ts";

export { hasIdShape, ID_PREFIXES, type IdKind } from "./id-shape.ts";

// Built on first use like every other schema (ADR 0036), so that importing them loads no zod (ADR 0183).
const idSchema = <K extends IdKind>(kind: K) =>
  lazySchema(() =>
    z
      .string()
      .regex(idPattern(kind), `expected a ${kind} id`)
      .brand<K>(),
  );

export const WorkspaceId = idSchema("workspace");
export type WorkspaceId = z.infer<typeof WorkspaceId>;
export const SessionId = idSchema("session");
export type SessionId = z.infer<typeof SessionId>;
export const ConversationId = idSchema("conversation");
export type ConversationId = z.infer<typeof ConversationId>;
export const MessageId = idSchema("message");
export type MessageId = z.infer<typeof MessageId>;
export const PartId = idSchema("part");
export type PartId = z.infer<typeof PartId>;
export const PermissionId = idSchema("permission");
export type PermissionId = z.infer<typeof PermissionId>;
export const BlobId = idSchema("blob");
export type BlobId = z.infer<typeof BlobId>;
export const GoalId = idSchema("goal");
export type GoalId = z.infer<typeof GoalId>;
export const JobId = idSchema("job");
export type JobId = z.infer<typeof JobId>;
export const RunId = idSchema("run");
export type RunId = z.infer<typeof RunId>;
export const TerminalId = idSchema("terminal");
export type TerminalId = z.infer<typeof TerminalId>;
export const QueuedMessageId = idSchema("queuedMessage");
export type QueuedMessageId = z.infer<typeof QueuedMessageId>;

type BrandOf<K extends IdKind> = string & z.$brand<K>;

/** Makes a fresh random id of the given kind, e.g. `newId("conversation")` → `cnv_3fK…`. */
export function newId<K extends IdKind>(kind: K): BrandOf<K> {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const body = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${ID_PREFIXES[kind]}_${body}` as BrandOf<K>;
}

/** A client-chosen command id that makes a retried command apply once. */
export const CommandId = lazySchema(() => z.string().min(8).max(80).regex(/^[A-Za-z0-9_-]+$/, "expected a command id"));
export type CommandId = z.infer<typeof CommandId>;
