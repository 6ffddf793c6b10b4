import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { EffortLevel, PermissionMode, SessionId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";

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

/**
 * The start request's `effort` for a new interactive Claude of `sessionId`: the level of the conversation this tab shows
 * beside its terminals, as a TUI started from that conversation ("Continue in terminal") runs at; none on the session's
 * own screen, or where that conversation leaves it to the CLI.
 */
export function startEffortOption(sessionId: SessionId): { effort?: EffortLevel } {
  const shown = useUiStore.getState().selectedId;
  const conversation = shown ? useConversationsStore.getState().conversations[shown] : undefined;
  return conversation?.sessionId === sessionId && conversation.effort ? { effort: conversation.effort } : {};
}
