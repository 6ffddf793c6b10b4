import type { ErrorCode } from "../../../shared/index.ts";
import { loadWireSchemas } from "./load-wire-schemas.ts";

/** A failed request: the server's `{error:{code,message}}`, or `network` when no answer came back. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | "network",
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let onUnauthorized: (message: string | null) => void = () => undefined;

/** Registers what to do when any request answers 401 (show the sign-in screen, with the server's reason). */
export function setUnauthorizedHandler(handler: (message: string | null) => void): void {
  onUnauthorized = handler;
}

/** Reads a response's JSON body, or throws the `ApiError` it carries (telling the app about a 401). */
export async function readResponse(response: Response): Promise<unknown> {
  const data: unknown = await readJson(response);
  if (response.ok) return data;
  const error = await toApiError(response, data);
  if (response.status === 401) onUnauthorized(error.message);
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (response.ok) throw new ApiError("internal", `The server sent invalid JSON: ${String(error)}`, response.status);
    return text;
  }
}

/**
 * The error a failed response carries. Its schema loads with the first error, not with the page (ADR 0250); a page
 * of an older build whose chunk the server no longer has still says the status.
 */
async function toApiError(response: Response, data: unknown): Promise<ApiError> {
  const schemas = await loadWireSchemas().catch((error: unknown) => console.warn("chatml: the error schema did not load", error));
  const parsed = schemas?.ApiErrorBody.safeParse(data);
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, response.status, details);
  }
  const fallback = response.status === 401 ? "unauthorized" : "internal";
  const text = typeof data === "string" && data.length > 0 ? data.slice(0, 200) : response.statusText;
  return new ApiError(fallback, `${response.status} ${text}`, response.status);
}

/** A short human message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
