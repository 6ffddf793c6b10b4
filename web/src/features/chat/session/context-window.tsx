import type { ContextCategory, ContextUsage } from "../../../../../shared/index.ts";
import type { ContextUsageInfo } from "../../../protocol/conversation-view.ts";

/** The window assumed for an estimate when the CLI does not say (Claude models: 200k tokens). */
const ASSUMED_WINDOW = 200_000;

/** Colours of the used shares, in the CLI's order; the reserved kinds have their own. */
const USED_COLOURS = ["bg-sky-500", "bg-violet-500", "bg-amber-500", "bg-emerald-500", "bg-rose-500", "bg-teal-500", "bg-fuchsia-500"];
const KIND_COLOURS = { deferred: "bg-stone-400 dark:bg-stone-500", buffer: "bg-stone-300 dark:bg-stone-600", free: "bg-transparent" } as const;

interface ContextWindowProps {
  info: ContextUsageInfo | null;
  /** The last turn's prompt tokens (input + cache), for an estimate when the CLI cannot report its context. */
  lastTurnTokens: number | null;
  /** When the last turn ended: figures taken before it are marked as older than the conversation. */
  lastTurnAt?: number | null;
}

/** "10:42", the time of day a figure was taken. */
export function takenAt(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** How full the context window is: the CLI's own figures by category, or an estimate that says it is one. */
export function ContextWindow({ info, lastTurnTokens, lastTurnAt = null }: ContextWindowProps) {
  const isOutdated = info?.usage != null && lastTurnAt !== null && info.at < lastTurnAt;
  return (
    <section aria-label="Context window" data-testid="context-window" className="space-y-1.5">
      <h3 className="text-xs font-medium text-stone-500">Context window</h3>
      {info?.usage ? <Reported usage={info.usage} /> : <Estimate tokens={lastTurnTokens} reason={info?.unavailableReason ?? null} />}
      {info?.usage ? (
        <p data-testid="context-taken-at" className="text-xs text-stone-500">
          Measured at {takenAt(info.at)}{isOutdated ? ", before the last turn (Claude Code is asked again while this panel is open and it runs)." : "."}
        </p>
      ) : null}
    </section>
  );
}

function Reported({ usage }: { usage: ContextUsage }) {
  const colours = colourByName(usage.categories);
  const summary = `${usage.totalTokens.toLocaleString()} of ${usage.maxTokens.toLocaleString()} tokens used (${usage.percentage}%)`;
  return (
    <>
      <p data-testid="context-summary" className="text-xs">{summary}</p>
      <div role="img" aria-label={summary} className="flex h-2.5 overflow-hidden rounded-full bg-stone-100 dark:bg-stone-800">
        {usage.categories.filter((c) => c.kind !== "free").map((c) => (
          <span key={c.name} className={colours.get(c.name)} style={{ width: `${(c.tokens / usage.maxTokens) * 100}%` }} />
        ))}
      </div>
      <ul aria-label="Context by category" className="grid grid-cols-[auto_1fr_auto] items-center gap-x-2 gap-y-0.5 text-xs">
        {usage.categories.map((c) => (
          <li key={c.name} className="contents">
            <span aria-hidden className={`size-2 rounded-sm ${c.kind === "free" ? "border border-stone-300 dark:border-stone-600" : colours.get(c.name)}`} />
            <span className="truncate text-stone-600 dark:text-stone-400">{c.name}</span>
            <span className="text-right font-mono">{c.tokens.toLocaleString()}</span>
          </li>
        ))}
      </ul>
      {usage.autoCompactThreshold ? (
        <p className="text-xs text-stone-500">Claude Code compacts the conversation at {usage.autoCompactThreshold.toLocaleString()} tokens.</p>
      ) : null}
    </>
  );
}

function Estimate({ tokens, reason }: { tokens: number | null; reason: string | null }) {
  const estimate = tokens === null ? null : `About ${Math.min(100, Math.round((tokens / ASSUMED_WINDOW) * 100))}% of ${ASSUMED_WINDOW / 1000}k, estimated from the last turn's tokens.`;
  return (
    <p data-testid="context-summary" className="text-xs text-stone-600 dark:text-stone-400">
      {estimate ?? "Shown after the first turn."}
      {reason ? <span className="block text-stone-500">{reason}</span> : null}
    </p>
  );
}

function colourByName(categories: ContextCategory[]): Map<string, string> {
  let used = 0;
  return new Map(categories.map((c) => [c.name, c.kind === "used" ? USED_COLOURS[used++ % USED_COLOURS.length]! : KIND_COLOURS[c.kind]]));
}
