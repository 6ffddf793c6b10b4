import { z } from "zod";
import { ConversationId } from "../ids.ts";
import { ErrorCode } from "./errors.ts";
import { DurableEvent, EphemeralEvent } from "./events.ts";
import { Conversation, Session, Workspace } from "./model.ts";

/** Largest frame a browser may send; larger ones are refused with an error frame. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

export const Subscription = z.object({
  conversationId: ConversationId,
  /** The last seq this client has; the server replays everything after it. 0 for all. */
  afterSeq: z.number().int().nonnegative(),
});
export type Subscription = z.infer<typeof Subscription>;

/** Frames a browser sends on `/ws`. */
export const ClientFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    protocol: z.number().int(),
    appVersion: z.string().optional(),
    subscriptions: z.array(Subscription).max(200),
  }),
  z.object({ type: z.literal("subscribe"), ...Subscription.shape }),
  z.object({ type: z.literal("unsubscribe"), conversationId: ConversationId }),
  z.object({ type: z.literal("ping"), t: z.number() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** A change to a listed entity, pushed to every socket so lists stay live on every device. */
export const EntityChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("workspace"), workspace: Workspace }),
  z.object({ kind: z.literal("session"), session: Session }),
  z.object({ kind: z.literal("conversation"), conversation: Conversation }),
]);
export type EntityChange = z.infer<typeof EntityChange>;

/** Frames the server sends on `/ws`. */
export const ServerFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("welcome"), protocol: z.number().int(), serverVersion: z.string() }),
  z.object({
    type: z.literal("event"),
    conversationId: ConversationId,
    seq: z.number().int().positive(),
    at: z.number(),
    event: DurableEvent,
  }),
  z.object({ type: z.literal("delta"), conversationId: ConversationId, event: EphemeralEvent }),
  /** Replay after `afterSeq` is done; what follows is live. */
  z.object({ type: z.literal("replayed"), conversationId: ConversationId, lastSeq: z.number().int().nonnegative() }),
  z.object({ type: z.literal("entity"), change: EntityChange }),
  z.object({
    type: z.literal("error"),
    code: ErrorCode,
    message: z.string(),
    conversationId: ConversationId.optional(),
  }),
  z.object({ type: z.literal("pong"), t: z.number() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
