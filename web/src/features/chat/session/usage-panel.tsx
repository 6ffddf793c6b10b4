import type { ConversationView } from "../../../protocol/conversation-view.ts";

/** The context window assumed when the CLI does not say (Claude models: 200k tokens). */
const CONTEXT_WINDOW = 200_000;

/** Cost, tokens, context window use and turns, from the newest turn result (cumulative for the CLI session). */
export function UsagePanel({ view }: { view: ConversationView }) {
  const turn = view.lastTurn;
  if (!turn) return <p className="text-xs text-stone-500">No usage yet.</p>;
  const u = turn.usage;
  const context = u ? u.inputTokens + u.cacheReadTokens + u.cacheCreationTokens : null;
  const rows: Array<[string, string]> = [
    ["Cost", turn.totalCostUsd !== null ? `$${turn.totalCostUsd.toFixed(4)}` : "—"],
    ["Input tokens", u ? u.inputTokens.toLocaleString() : "—"],
    ["Output tokens", u ? u.outputTokens.toLocaleString() : "—"],
    ["Cache read / write", u ? `${u.cacheReadTokens.toLocaleString()} / ${u.cacheCreationTokens.toLocaleString()}` : "—"],
    ["Context used", context !== null ? `${Math.min(100, Math.round((context / CONTEXT_WINDOW) * 100))}% of ${CONTEXT_WINDOW / 1000}k` : "—"],
    ["Turns", turn.numTurns !== null ? String(turn.numTurns) : "—"],
  ];
  return (
    <section aria-label="Usage">
      <h3 className="mb-1 text-xs font-medium text-stone-500">Usage</h3>
      <dl data-testid="usage" className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-stone-500">{k}</dt>
            <dd className="text-right font-mono">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
