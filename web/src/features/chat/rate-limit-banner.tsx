import { useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { LiveWords } from "../../components/live-words.tsx";
import { errorMessage } from "../../lib/http.ts";
import { queueApi } from "../../lib/queue-api.ts";
import { useCommandId } from "../../lib/use-command-id.ts";
import { formatCountdown, useCountdown } from "../../lib/use-countdown.ts";
import type { ConversationView } from "../../protocol/conversation-view.ts";
import { selectQueue, useQueueStore } from "../../stores/queue-store.ts";
import { rateLimitState } from "./rate-limit.ts";

/** The text the server sends for the user when the limit resets. */
const CONTINUE_TEXT = "Continue.";

/**
 * API limits in the conversation: a countdown while the CLI waits to retry, and after a rate limit stopped the turn,
 * "Continue when the limit resets" (the server sends the message then, even if every device is closed — ADR 0025).
 */
export function RateLimitBanner({ id, view, isBusy }: { id: ConversationId; view: ConversationView; isBusy: boolean }) {
  const queue = useQueueStore(selectQueue(id));
  const [error, setError] = useState<string | null>(null);
  const { idFor, done } = useCommandId();
  // When the screen opened is "now" enough: a reset that passed since shows as "should have reset by now".
  const [openedAt] = useState(() => Date.now());
  const state = rateLimitState(view, isBusy, queue, openedAt);
  const left = useCountdown(state.kind === "retrying" ? state.until : state.kind === "limited" ? state.resetsAt : null);
  if (state.kind === "none") return null;
  const box = "mx-auto mb-1 flex w-full max-w-3xl flex-wrap items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200";
  if (state.kind === "retrying") {
    const what = state.errorStatus === 429 ? "Rate limited" : state.errorStatus ? `API error ${state.errorStatus}` : "API error";
    return (
      <>
        <LiveWords text={`${what} — retrying (attempt ${state.attempt} of ${state.maxRetries})`} />
        <div data-testid="retry-countdown" className={box}>
          {what} — retrying in {formatCountdown(left ?? 0)} (attempt {state.attempt} of {state.maxRetries})
        </div>
      </>
    );
  }
  const schedule = async () => {
    setError(null);
    try {
      useQueueStore.getState().put(await queueApi.enqueue(id, idFor(`continue:${state.resetsAt}`), CONTINUE_TEXT, [], state.resetsAt));
      done();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const when = new Date(state.resetsAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <>
      <LiveWords text={left ? "Rate limit reached." : "Rate limit reached. It should have reset by now."} />
      <div data-testid="rate-limit" className={box}>
        <span className="min-w-0 flex-1">
          Rate limit reached. {left ? `${state.isKnownReset ? `Resets at ${when}` : "Try again"} in ${formatCountdown(left)}.` : "It should have reset by now."}
        </span>
        {/* Once the reset is past, the message goes at once: "when the limit resets" promised a wait for nothing. */}
        <Button variant="secondary" onClick={() => void schedule()}>{left ? "Continue when the limit resets" : "Continue now"}</Button>
        <ErrorText message={error} className="w-full" />
      </div>
    </>
  );
}
