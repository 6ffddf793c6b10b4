import { useState } from "react";
import type { EffortLevel, TerminalInfo } from "../../../../shared/index.ts";
import { EFFORT_CHOICES } from "../../lib/effort-levels.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { RestartToApply } from "./restart-to-apply.tsx";

/** A level as Session controls' Effort picker names it ("Default" for the CLI's own). */
const pickerName = (level: EffortLevel | null) => EFFORT_CHOICES.find((choice) => choice.value === level)?.label ?? "Default";

/**
 * Says that an effort level chosen for an interactive `claude`'s conversation while it runs reaches it only when it
 * restarts, and offers that restart (ADR 0301: ChatML does not type `/effort` into the TUI). Nothing once the TUI runs
 * at that level (`/effort` typed in it) or when the level is the one it was started with.
 */
export function EffortChangedNotice({ terminal, className = "" }: { terminal: TerminalInfo; className?: string }) {
  const chosen = useConversationsStore((s) => (terminal.conversationId ? s.conversations[terminal.conversationId]?.effort : undefined));
  // Hidden, not gone, while the restart it asked for runs: it goes as the restart begins, and comes back with the
  // restart's error if it failed.
  const [isRestarting, setRestarting] = useState(false);
  if (terminal.kind !== "claude" || terminal.status !== "running" || chosen === undefined) return null;
  const runsAt = terminal.effort ?? null;
  if (chosen === (terminal.launchedEffort ?? null) || chosen === runsAt) return null;
  return (
    <div role="note" data-testid="effort-changed" hidden={isRestarting} className={`flex flex-wrap items-center gap-x-2 bg-amber-50 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-100 ${className}`}>
      <p>
        Effort changed to {pickerName(chosen)}: restart “{terminal.name}” to apply. Until then it runs at {runsAt ? `${pickerName(runsAt)} effort` : "Claude Code's default effort"}.
      </p>
      <RestartToApply terminal={terminal} name={`Restart ${terminal.name} to apply the effort`} label="Restart to apply" onRestarting={setRestarting} />
    </div>
  );
}
