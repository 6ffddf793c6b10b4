import type { ConversationId } from "../../../shared/ids.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import type { PermissionRequest } from "../../../shared/protocol/model.ts";
import type { DeviceService } from "./device-service.ts";
import type { EventBus } from "../event-bus.ts";
import { hideSecrets } from "../../../shared/hide-secrets.ts";
import type { PushPayload, PushService } from "./push-service.ts";

type Kind = "needsInput" | "finished";

type Deps = {
  bus: EventBus;
  devices: DeviceService;
  push: PushService;
  /** True when the device has a live socket on this conversation (it sees it already; no push). */
  isWatching(conversationId: ConversationId, deviceId: string): boolean;
  /** How a notification names the conversation: its session and its title ("Login fix · Run the tests"). */
  conversationTitle(conversationId: ConversationId): string | null;
};

/**
 * Turns committed events into pushes: a permission, question or plan approval (needs input), a finished or failed
 * turn, and a CLI process that died on its own. Each device's settings decide; a device watching live is skipped.
 */
export class NotificationDispatcher {
  constructor(private readonly deps: Deps) {}

  /** Starts listening on the bus; returns the unsubscribe. */
  start(): () => void {
    return this.deps.bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const found = toNotification(message.conversationId, message.sequenced.event, () => this.deps.conversationTitle(message.conversationId));
      if (found) void this.dispatch(message.conversationId, found.kind, found.payload);
    });
  }

  private async dispatch(conversationId: ConversationId, kind: Kind, payload: PushPayload): Promise<void> {
    for (const device of this.deps.devices.list()) {
      if (!device.notifications[kind]) continue;
      if (this.deps.isWatching(conversationId, device.id)) continue;
      await this.deps.push.sendToDevice(device.id, payload);
    }
  }
}

/**
 * The notification an event deserves, if any, with what looks like a secret hidden (a lock screen is read by anyone
 * near it). The conversation's title (two rows to read) is asked for only when the event notifies, not for every
 * committed event.
 */
export function toNotification(conversationId: ConversationId, event: DurableEvent, titleOf: () => string | null): { kind: Kind; payload: PushPayload } | null {
  const found = toPlainNotification(conversationId, event, titleOf);
  if (!found) return null;
  const { payload } = found;
  return { kind: found.kind, payload: { ...payload, title: hideSecrets(payload.title).text, body: hideSecrets(payload.body).text } };
}

function toPlainNotification(conversationId: ConversationId, event: DurableEvent, titleOf: () => string | null): { kind: Kind; payload: PushPayload } | null {
  const base = { tag: `chatml-${conversationId}`, url: `/#/c/${conversationId}`, conversationId };
  const where = () => titleOf() ?? "A conversation";
  switch (event.type) {
    case "permission.requested": {
      const { request } = event;
      if (request.kind === "question") return { kind: "needsInput", payload: { ...base, title: `${where()} has a question`, body: request.questions?.[0]?.question ?? "Claude asks you something." } };
      if (request.kind === "plan") return { kind: "needsInput", payload: { ...base, title: `${where()}: plan ready`, body: "Review and approve the plan." } };
      const says = whatItAllows(request);
      // Allow from the lock screen only when the notification shows all that it allows (no secret hidden from it);
      // else Deny, or open to read it.
      const canAllow = saysItAll(request) && says.length <= NOTIFICATION_BODY_CHARS && !hideSecrets(says).hasHidden;
      return {
        kind: "needsInput",
        payload: {
          ...base,
          title: `${where()} needs permission`,
          body: canAllow ? says : `${says.slice(0, NOTIFICATION_BODY_CHARS - 40)}${says.length > NOTIFICATION_BODY_CHARS - 40 ? "…" : ""} — open to see all of it`,
          requestId: request.id,
          actions: [...(canAllow ? [{ action: "allow" as const, title: "Allow" }] : []), { action: "deny" as const, title: "Deny" }],
        },
      };
    }
    case "turn.completed":
      return { kind: "finished", payload: { ...base, title: event.isError ? `${where()} failed` : `${where()} finished`, body: (event.resultText ?? event.errors[0] ?? "").slice(0, 200) } };
    case "process.exited":
      if (event.isExpected) return null;
      return { kind: "finished", payload: { ...base, title: `${where()}: Claude stopped`, body: event.reason } };
    default:
      return null;
  }
}

/**
 * What Allow on the notification lets run: the command itself, the file written, the URL fetched — the model's own
 * description only when the input says nothing better (Allow from a lock screen must not be blind).
 */
export function whatItAllows(request: PermissionRequest): string {
  const input = inputOf(request);
  const command = commandOf(input);
  if (command) return `${request.toolName}: ${command}`;
  const target = targetOf(input);
  if (target) return `${request.toolName} ${target}`;
  return `${request.toolName}${request.description ? `: ${request.description}` : ""}`;
}

/** What a lock screen shows of a notification's text, about. */
const NOTIFICATION_BODY_CHARS = 200;
/** Tools that only read, list, search or fetch: the path, pattern or URL says all that Allow lets them do. */
const READS_ONLY = new Set(["Read", "Glob", "Grep", "LS", "NotebookRead", "WebFetch", "WebSearch"]);

/**
 * Whether `whatItAllows` is the whole of it: a command (shown in full when it fits), or what a tool that only reads
 * reads. A write or an edit (its content is not in the notification) and any other tool (its input is not) are not.
 */
function saysItAll(request: PermissionRequest): boolean {
  const input = inputOf(request);
  return commandOf(input) !== "" || (READS_ONLY.has(request.toolName) && targetOf(input) !== "");
}

function inputOf(request: PermissionRequest): Record<string, unknown> {
  return (typeof request.input === "object" && request.input !== null ? request.input : {}) as Record<string, unknown>;
}

function commandOf(input: Record<string, unknown>): string {
  return typeof input.command === "string" ? input.command.trim() : "";
}

/** The file, folder, URL, pattern or query a tool call is about, or "". */
function targetOf(input: Record<string, unknown>): string {
  for (const key of ["file_path", "notebook_path", "path", "url", "pattern", "query"]) if (typeof input[key] === "string" && input[key].trim()) return input[key].trim();
  return "";
}

/** A notification's "where": the session and the conversation ("Login fix · Run the tests"), once when they match. */
export function placeName(sessionName: string | null, conversationTitle: string | null): string | null {
  if (!sessionName || sessionName === conversationTitle) return conversationTitle;
  return conversationTitle ? `${sessionName} · ${conversationTitle}` : sessionName;
}
