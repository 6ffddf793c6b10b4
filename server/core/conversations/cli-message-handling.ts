import { readFileSync } from "node:fs";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { CliMessage } from "../../claude/contracts.ts";
import type { HostRequests } from "./host-requests.ts";

/* What the runtime does with some CLI lines before or instead of translating them (kept apart: no runtime state). */

/** A `can_use_tool` control request: a permission, question or plan the user answers. */
export function isPermissionRequest(message: CliMessage): boolean {
  return (message.request as { subtype?: unknown } | undefined)?.subtype === "can_use_tool";
}

/** Settles the host request a `control_response` answers. */
export function settleControlResponse(message: CliMessage, requests: HostRequests): void {
  const response = message.response as { subtype?: string; request_id?: string; response?: unknown; error?: string } | undefined;
  if (!response?.request_id) return;
  requests.settle(response.request_id, response.subtype === "success" ? { ok: true, response: response.response ?? null } : { ok: false, error: response.error ?? "unknown error" });
}

/** 2.1.330 drops an inline plan and gives only the plan file's path: read it so the user sees the plan. */
export function withPlanText(events: DomainEvent[]): DomainEvent[] {
  return events.map((event) => {
    if (event.type !== "permission.requested" || event.request.kind !== "plan" || event.request.plan) return event;
    const path = (event.request.input as { planFilePath?: unknown } | null)?.planFilePath;
    if (typeof path !== "string") return event;
    try {
      return { ...event, request: { ...event.request, plan: readFileSync(path, "utf8") } };
    } catch (error) {
      console.warn(`[runtime] could not read plan file ${path}:`, error);
      return event;
    }
  });
}
