import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { AppError } from "../protocol/errors.ts";
import { PermissionMode } from "../protocol/model.ts";

/**
 * A permission mode this server cannot run Claude Code in (`GET /api/info`): `why` in a few words for the mode
 * pickers' option, `reason` in full beside them and in the refusal.
 */
export const UnavailablePermissionMode = lazySchema(() => z.object({ mode: PermissionMode, why: z.string().min(1), reason: z.string().min(1) }));
export type UnavailablePermissionMode = z.infer<typeof UnavailablePermissionMode>;

/**
 * Claude Code exits at once when asked to skip permission checks as root, unless told it runs in a sandbox (ADR 0097):
 * what ChatML says instead, before the mode is picked and when a script asks for it.
 */
export const BYPASS_AS_ROOT_WHY = "not available: ChatML runs as root";
export const BYPASS_AS_ROOT_REASON =
  "Bypass permissions is not available: ChatML runs as root, and Claude Code refuses to skip its permission checks for root. Start ChatML as an ordinary user to use it.";

/** Why `mode` cannot be used here, or null when it can. */
export function unavailableReason(unavailable: readonly UnavailablePermissionMode[], mode: PermissionMode): string | null {
  return unavailable.find((u) => u.mode === mode)?.reason ?? null;
}

/** Throws a bad request naming why, when `mode` is one the CLI would refuse here: nothing is changed or started. */
export function refuseUnavailableMode(unavailable: readonly UnavailablePermissionMode[], mode: PermissionMode | undefined): void {
  const reason = mode ? unavailableReason(unavailable, mode) : null;
  if (reason) throw new AppError("bad_request", reason);
}
