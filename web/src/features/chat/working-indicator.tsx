import { useSecondTicks } from "../../lib/use-second-ticks.ts";
import { Spinner } from "../../components/spinner.tsx";
import { LiveWords } from "../../components/live-words.tsx";
import type { ConversationView } from "../../protocol/conversation-view.ts";
import { useConnectionLostAt } from "../../stores/connection-store.ts";
import { formatSeconds } from "./tools/use-elapsed.ts";
import { dotJoin } from "../../lib/dot-join.ts";
import { lastKnown } from "../../lib/last-known.ts";

/**
 * While a turn runs: "Working · 12s · 340 tokens", ticking each second (a screen reader is told only that Claude
 * works). While the connection is lost nothing is known to work: it says what was last known, its time stopped where
 * the page stopped hearing, with no spinner.
 */
export function WorkingIndicator({ view }: { view: ConversationView }) {
  const lostAt = useConnectionLostAt();
  const now = useSecondTicks(lostAt === null);
  const started = view.turnStartedAt;
  const facts = dotJoin([
    view.cliStatus === "compacting" ? "Compacting" : "Working",
    started ? formatSeconds(Math.max(0, ((lostAt ?? now) - started) / 1000)) : null,
    view.outputTokens ? `${view.outputTokens.toLocaleString()} tokens` : null,
  ]);
  const doing = view.cliStatus === "compacting" ? "Claude is compacting the conversation" : "Claude is working";
  return (
    <>
      <LiveWords text={lostAt === null ? doing : lastKnown(doing)} />
      <div data-testid="working-indicator" data-last-known={lostAt !== null || undefined} className="flex items-center gap-2 pt-4 text-xs text-stone-500">
        {lostAt === null ? <Spinner className="text-accent" /> : null}
        <span>{lostAt === null ? facts : lastKnown(facts)}</span>
      </div>
    </>
  );
}
