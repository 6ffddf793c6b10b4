import type { ToolOutcome } from "../../shared/protocol/model.ts";
import type { CliToolResultMeta } from "./cli-schemas.ts";

/** 2.1.119's texts for a call stopped by an interrupt (the tool was killed, or its prompt withdrawn). */
const INTERRUPTED = /\[Request interrupted by user|doesn.t want to proceed with this tool use|Tool permission request failed: AbortError/;

/**
 * Why an error result is not a real failure, or undefined when it is one. 2.1.330+ says so in `tool_result_meta`
 * (a `reject` decision = refused by the user's answer or a rule; `non_execution_kind` `user-rejected` without one = stopped
 * by an interrupt); older CLIs only in the result's text, and a denial only through the answer ChatML sent.
 */
export function toolOutcome(text: string, meta: CliToolResultMeta | undefined, wasDenied: boolean): ToolOutcome | undefined {
  const kind = meta?.non_execution_kind;
  if (meta?.permission_decision?.decision === "reject" || kind === "permission-rule") return "denied";
  if (kind === "user-rejected") return "interrupted";
  if (kind) return "cancelled";
  if (INTERRUPTED.test(text)) return "interrupted";
  return wasDenied ? "denied" : undefined;
}
