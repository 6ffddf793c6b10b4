import type { DurableEvent } from "../../../shared/protocol/events.ts";

/**
 * Why a run's failed turn failed, in one line: the CLI's errors, else its result text, else its subtype; an API error's
 * status first, unless the CLI's own words name it already (its "API Error: 400 …" read "API error 400: API Error: 400 …").
 * @example turnError({ errors: [], resultText: "Overloaded", subtype: "success", apiErrorStatus: 529 }) // "API error 529: Overloaded"
 */
export function turnError(event: Pick<Extract<DurableEvent, { type: "turn.completed" }>, "errors" | "resultText" | "subtype" | "apiErrorStatus">): string {
  const detail = event.errors.join("; ") || event.resultText || event.subtype;
  if (!event.apiErrorStatus || new RegExp(`\\bAPI error:? ${event.apiErrorStatus}\\b`, "i").test(detail)) return detail;
  return `API error ${event.apiErrorStatus}: ${detail}`;
}
