import { AppError } from "../../shared/protocol/errors.ts";
import type { ApprovalBroker } from "../core/interactive/approval-broker.ts";
import { API_BODY_BYTES, bodyDeadlineMs, readBodyWithin } from "../lib/body-limits.ts";
import type { LoopbackHttpHandler, RequestTimeouts } from "../ws/cli-socket-listener.ts";
import { plainResponse } from "./security-headers.ts";

/** Where an interactive `claude`'s PermissionRequest HTTP hook posts, on the loopback CLI listener. */
export const PERMISSION_HOOK_PATH = "/hooks/permission-request";
/** A tool call the TUI asks about (a Write of a larger file falls back to the terminal's own prompt). */
const MAX_BODY_BYTES = API_BODY_BYTES;

/**
 * The interactive TUI's PermissionRequest hook (ADR 0068): Claude Code POSTs the hook's input here itself (an HTTP
 * hook, with the terminal's secret as a bearer token) and waits for the answer. A device's decision comes back as
 * the hook's output; `{}` (no decision) when nobody answered in time, and any error, let the TUI's own prompt decide.
 * Not work the server has taken (WorkInFlight): it waits for a person for as long as that takes, and shutdown ends
 * the TUIs that asked. Null for other paths.
 */
export function permissionHookEndpoint(broker: Pick<ApprovalBroker, "authenticate" | "request">): LoopbackHttpHandler {
  return (request, server) => {
    if (new URL(request.url).pathname !== PERMISSION_HOOK_PATH) return null;
    return answer(broker, request, server).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return plainResponse(error.status, error.message);
    });
  };
}

async function answer(broker: Pick<ApprovalBroker, "authenticate" | "request">, request: Request, server: RequestTimeouts): Promise<Response> {
  if (request.method !== "POST") return plainResponse(405, "Only POST is served here.");
  const secret = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? null;
  // Checked before the body is read: a caller without the secret is never waited for.
  broker.authenticate(secret);
  const body = await readBodyWithin(request, MAX_BODY_BYTES, bodyDeadlineMs(MAX_BODY_BYTES));
  // A question may wait for the user far longer than the listener's idle timeout.
  server.timeout(request, 0);
  const decision = await broker.request(secret, parseObject(new TextDecoder().decode(body)), request.signal);
  return Response.json(decision ? { hookSpecificOutput: { hookEventName: "PermissionRequest", decision } } : {});
}

/** The hook's JSON input, or an empty object when it is not a JSON object (the broker then asks about "unknown tool"). */
function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
