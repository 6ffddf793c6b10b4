import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import type { PermissionMode } from "../../../shared/index.ts";

/** The modes a user picks for a conversation or an interactive Claude, named as the conversation's mode picker names them. */
export const PICKABLE_MODES: ReadonlyArray<{ value: PermissionMode; label: string }> = [
  { value: "default", label: "Ask before acting" },
  { value: "acceptEdits", label: "Accept edits" },
  { value: "plan", label: "Plan only" },
  { value: "bypassPermissions", label: "Bypass permissions" },
];

/** The pickable mode a picker's `<select>` value names ("default" for any other text). */
export function pickableModeOf(value: string): PermissionMode {
  return PICKABLE_MODES.find((m) => m.value === value)?.value ?? "default";
}

/** Every mode's name in words, also those only a newer CLI's own settings or shift+tab pick. */
const MODE_NAMES: Record<PermissionMode, string> = {
  default: "Ask before acting",
  acceptEdits: "Accept edits",
  plan: "Plan only",
  bypassPermissions: "Bypass permissions",
  auto: "Auto mode (Claude decides what to ask)",
  dontAsk: "Don't ask (denies what is not allowed)",
};

/** A permission mode in words. */
export function permissionModeName(mode: PermissionMode): string {
  return MODE_NAMES[mode];
}

/**
 * The modes a server may be unable to start (bypass, as root: ADR 0097), offered disabled while the pickers wait for
 * the server to say (`GET /api/info`); the note beside a picker leaves them out, as they are not refused yet.
 */
export const MODES_BEING_CHECKED: readonly UnavailablePermissionMode[] = [
  { mode: "bypassPermissions", why: "checking…", reason: "Checking whether Claude Code can skip its permission checks on this machine." },
];
