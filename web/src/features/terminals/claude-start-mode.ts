import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { PermissionMode } from "../../../../shared/index.ts";

/** The mode a new interactive Claude starts in: one of the picker's modes, or `settings` (the user's own Claude Code settings decide). */
export type ClaudeStartMode = PermissionMode | "settings";

type ClaudeStartModeState = { mode: ClaudeStartMode; setMode(mode: ClaudeStartMode): void };

/**
 * The mode this device starts an interactive Claude in, kept in localStorage. "Ask before acting" unless changed:
 * without `--permission-mode` a newer CLI's own default (auto mode) may run a tool with no card on any device (ADR 0098).
 */
export const useClaudeStartMode = create<ClaudeStartModeState>()(
  persist((set) => ({ mode: "default", setMode: (mode) => set({ mode }) }), { name: "chatml.claude-start-mode" }),
);

/** The start request's `permissionMode` for the device's choice (none: the user's own settings apply). */
export function startModeOption(): { permissionMode?: PermissionMode } {
  const { mode } = useClaudeStartMode.getState();
  return mode === "settings" ? {} : { permissionMode: mode };
}
