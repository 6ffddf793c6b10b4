import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";

/** Every error code the API can answer with. */
export const ErrorCode = lazySchema(() => z.enum([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "protocol_mismatch",
  "cli_not_found",
  "cli_unavailable",
  "conversation_busy",
  "permission_not_pending",
  "internal",
  "rate_limited",
  /** A long operation (push, pull, rebase) the user cancelled. */
  "cancelled",
  "request_timeout",
  /** GitHub, Linear or another service ChatML talks to could not be reached or failed. */
  "upstream_unavailable",
  /** The server is shutting down and takes no new work; try again once it has restarted. */
  "server_stopping",
  /** A message to a conversation of an archived session: unarchive the session first (ADR 0072). */
  "session_archived",
]));
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one JSON error shape of every HTTP error response and every WS `error` frame. */
export const ApiErrorBody = lazySchema(() => z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
}));
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  protocol_mismatch: 426,
  cli_not_found: 503,
  cli_unavailable: 503,
  conversation_busy: 409,
  permission_not_pending: 409,
  internal: 500,
  rate_limited: 429,
  cancelled: 409,
  request_timeout: 408,
  upstream_unavailable: 502,
  server_stopping: 503,
  session_archived: 409,
};

/** A domain error with a code; exactly one place per transport turns it into a response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
