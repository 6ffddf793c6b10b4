import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../../shared/protocol/errors.ts";

/** The one mapping of an error to an HTTP answer (the app's and the API's `onError`). */
export function toErrorResponse(error: Error, c: Context): Response {
  const appError = toAppError(error);
  if (appError.code === "rate_limited") c.header("retry-after", String((appError.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60));
  if (appError.code === "internal") console.error(`[http] ${c.req.method} ${c.req.path} failed:`, error);
  return c.json(appError.toBody(), appError.status as 400);
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 408) return new AppError("request_timeout", "The request body arrived too slowly.");
    if (error.status === 413) return new AppError("payload_too_large", "The request is too large.");
    return new AppError(error.status === 400 ? "bad_request" : "internal", error.message || "Request failed.");
  }
  if (error instanceof SyntaxError) return new AppError("bad_request", `Malformed JSON: ${error.message}`);
  return new AppError("internal", "Something went wrong on the server; it has been logged.");
}
