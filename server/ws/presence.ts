import type { ServerWebSocket } from "bun";
import type { ConversationId } from "../../shared/ids.ts";
import type { PresenceDevice } from "../../shared/protocol/frames.ts";
import type { BrowserSocketData } from "./browser-hub.ts";

type BrowserSocket = ServerWebSocket<BrowserSocketData>;

/** The distinct devices (and scripts) among the sockets subscribed to a conversation. */
export function presenceOf(sockets: Iterable<BrowserSocket>, conversationId: ConversationId): PresenceDevice[] {
  const seen = new Map<string, PresenceDevice>();
  for (const ws of sockets) {
    if (!ws.data.hasSaidHello || !ws.data.subscriptions.has(conversationId)) continue;
    const { who } = ws.data;
    const id = who.deviceId ?? `script-${ws.data.id}`;
    if (!seen.has(id)) seen.set(id, { id, name: who.name, kind: who.deviceId ? "device" : "script" });
  }
  return [...seen.values()];
}

/** True when any socket of the device is subscribed to the conversation. */
export function isWatching(sockets: Iterable<BrowserSocket>, conversationId: ConversationId, deviceId: string): boolean {
  for (const ws of sockets) if (ws.data.who.deviceId === deviceId && ws.data.subscriptions.has(conversationId)) return true;
  return false;
}

/** True when the device has any open socket. */
export function isConnected(sockets: Iterable<BrowserSocket>, deviceId: string): boolean {
  for (const ws of sockets) if (ws.data.who.deviceId === deviceId) return true;
  return false;
}
