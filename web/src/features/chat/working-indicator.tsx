import { useSecondTicks } from "../../lib/use-second-ticks.ts";
import { Spinner } from "../../components/spinner.tsx";
import type { ConversationView } from "../../protocol/conversation-view.ts";
import { formatSeconds } from "./tools/use-elapsed.ts";
import { dotJoin } from "../../lib/dot-join.ts";

/** While a turn runs: "Working · 12s · 340 tokens", ticking each second. */
export function WorkingIndicator({ view }: { view: ConversationView }) {
  const now = useSecondTicks();
  const started = view.turnStartedAt;
  const facts = [
    view.cliStatus === "compacting" ? "Compacting" : "Working",
    started ? formatSeconds(Math.max(0, (now - started) / 1000)) : null,
    view.outputTokens ? `${view.outputTokens.toLocaleString()} tokens` : null,
  ].filter(Boolean);
  return (
    <div data-testid="working-indicator" role="status" className="flex items-center gap-2 pt-4 text-xs text-stone-500">
      <Spinner className="text-accent" />
      <span>{dotJoin(facts)}</span>
    </div>
  );
}
