import type { ConversationId } from "../../../shared/index.ts";
import { ApiError } from "./http.ts";

/** Where builds before ADR 0025 kept queued messages, per tab (zustand `persist`; text only, images were never kept). */
export const LEGACY_QUEUE_KEY = "chatml.queue";

type LegacyMessage = { key: string; text: string };
type Enqueue = (conversationId: ConversationId, commandId: string, text: string) => Promise<unknown>;

/**
 * Moves messages an older build queued in this browser's storage to the server's queue, once: each goes with a
 * command id made from its old key, so a reload half-way (or a second tab doing the same) queues it once. A message
 * whose conversation is gone is dropped; one the server could not take stays stored and is tried at the next start.
 */
export async function migrateLegacyQueue(storage: Storage, enqueue: Enqueue): Promise<number> {
  const raw = storage.getItem(LEGACY_QUEUE_KEY);
  if (raw === null) return 0;
  const queues = readQueues(raw);
  const kept: Record<string, LegacyMessage[]> = {};
  let moved = 0;
  for (const [conversationId, messages] of Object.entries(queues)) {
    for (const message of messages) {
      if (!message.text.trim()) continue;
      try {
        await enqueue(conversationId as ConversationId, commandIdOf(message.key), message.text);
        moved += 1;
      } catch (error) {
        if (error instanceof ApiError && error.code === "not_found") continue;
        (kept[conversationId] ??= []).push(message);
      }
    }
  }
  if (Object.keys(kept).length === 0) storage.removeItem(LEGACY_QUEUE_KEY);
  else storage.setItem(LEGACY_QUEUE_KEY, JSON.stringify({ state: { queues: kept }, version: 0 }));
  return moved;
}

function readQueues(raw: string): Record<string, LegacyMessage[]> {
  try {
    const queues = (JSON.parse(raw) as { state?: { queues?: unknown } }).state?.queues;
    if (typeof queues !== "object" || queues === null) return {};
    return Object.fromEntries(Object.entries(queues).map(([id, list]) => [id, Array.isArray(list) ? list.filter(isMessage) : []]));
  } catch (error) {
    console.warn("[queue] the old tab queue could not be read; it is left as it was:", error);
    throw error;
  }
}

function isMessage(value: unknown): value is LegacyMessage {
  const m = value as Partial<LegacyMessage> | null;
  return typeof m?.key === "string" && typeof m.text === "string";
}

function commandIdOf(key: string): string {
  return `legacy-queue-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`.slice(0, 80);
}
