import type { PermissionMode } from "../../../shared/index.ts";

/** The modes a user picks for a conversation or an interactive Claude, named as the conversation's mode picker names them. */
export const PICKABLE_MODES: ReadonlyArray<{ value: PermissionMode; label: string }> = [
  { value: "default", label: "Ask before acting" },
  { value: "acceptEdits", label: "Accept edits" },
  { value: "plan", label: "Plan only" },
  { value: "bypassPermissions", label: "Bypass permissions" },
];

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
