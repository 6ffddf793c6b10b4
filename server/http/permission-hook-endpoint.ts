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
    return servedAsPlainError(() => answer(broker, request, server));
  };
}

async function answer(broker: Pick<ApprovalBroker, "authenticate" | "request">, request: Request, server: RequestTimeouts): Promise<Response> {
  if (request.method !== "POST") return plainResponse(405, "Only POST is served here.");
  const secret = hookSecretOf(request);
  // Checked before the body is read: a caller without the secret is never waited for.
  broker.authenticate(secret);
  const input = parseHookInput(await readHookBody(request));
  // A question may wait for the user far longer than the listener's idle timeout.
  server.timeout(request, 0);
  const decision = await broker.request(secret, input, request.signal);
  return Response.json(decision ? { hookSpecificOutput: { hookEventName: "PermissionRequest", decision } } : {});
}

/** A hook's answer, or its AppError as a plain response (a wrong secret is a 401); other errors are the listener's. */
export async function servedAsPlainError(serve: () => Promise<Response>): Promise<Response> {
  try {
    return await serve();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return plainResponse(error.status, error.message);
  }
}

/** The terminal secret a hook call carries as `Authorization: Bearer`, or null. */
export const hookSecretOf = (request: Request): string | null => request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? null;

/** A hook call's body as text, within the size and time limits of an API request. */
export async function readHookBody(request: Request): Promise<string> {
  return new TextDecoder().decode(await readBodyWithin(request, MAX_BODY_BYTES, bodyDeadlineMs(MAX_BODY_BYTES)));
}

/** The hook's JSON input, or an empty object when it is not a JSON object (the broker then asks about "unknown tool"). */
export function parseHookInput(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
