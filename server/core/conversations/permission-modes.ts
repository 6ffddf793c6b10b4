import { BYPASS_AS_ROOT_REASON, BYPASS_AS_ROOT_WHY, type UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";

/** Who ChatML runs as, and the environment its Claude Code processes inherit. */
export type PermissionHost = { uid: number | null; env: Record<string, string | undefined> };

/**
 * The modes Claude Code would refuse to start in here. As root it refuses `bypassPermissions` (2.1.119 and 2.1.332
 * alike: "--dangerously-skip-permissions cannot be used with root/sudo privileges") unless the environment ChatML was
 * started with says it is a sandbox (`IS_SANDBOX=1`, `CLAUDE_CODE_BUBBLEWRAP`): ChatML mirrors that check, and never
 * sets those itself (ADR 0097).
 */
export function unavailablePermissionModes(host: PermissionHost): UnavailablePermissionMode[] {
  const isSandboxDeclared = host.env.IS_SANDBOX === "1" || isTruthy(host.env.CLAUDE_CODE_BUBBLEWRAP);
  return host.uid === 0 && !isSandboxDeclared ? [{ mode: "bypassPermissions", why: BYPASS_AS_ROOT_WHY, reason: BYPASS_AS_ROOT_REASON }] : [];
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ["1", "true", "yes", "on"].includes(value.trim().toLowerCase());
}
