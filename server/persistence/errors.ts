import type { z } from "zod";
import { AppError } from "../../shared/protocol/errors.ts";
import { messageOf } from "../../shared/error-message.ts";

/** A stored row or JSON document no longer matches its schema: reported loudly, never silently repaired. */
export class StorageCorruptionError extends AppError {
  constructor(
    /** What was read, e.g. `event cnv_…#12` or `part prt_…`. */
    readonly where: string,
    reason: string,
  ) {
    super("internal", `stored ${where} is malformed: ${reason}`, { where });
    this.name = "StorageCorruptionError";
  }
}

/** Validates a value read from a row against `schema`, or throws {@link StorageCorruptionError}. */
export function decodeRow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new StorageCorruptionError(where, `${path}${issue?.message ?? "invalid"}`);
}

/**
 * Parses a stored JSON column without validating it, or throws {@link StorageCorruptionError}: for a column that is
 * part of a row whose schema validates it anyway (validating it twice costs a send tens of µs per read).
 */
export function parseJsonColumn(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StorageCorruptionError(where, `invalid JSON (${messageOf(error)})`);
  }
}

/** Parses and validates a stored JSON document, or throws {@link StorageCorruptionError}. */
export function decodeJson<S extends z.ZodType>(schema: S, text: string, where: string): z.output<S> {
  return decodeRow(schema, parseJsonColumn(text, where), where);
}

/** The error for a missing entity that the caller named by id. */
export function notFound(kind: string, id: string): AppError {
  return new AppError("not_found", `${kind} ${id} not found`, { id });
}
