import type { NoticeItem, ProcessExit, TurnResult } from "../../protocol/conversation-view.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { EndedRunRow } from "./ended-run-row.tsx";
import { isFailedTurn, turnErrorText } from "./timeline-model.ts";
import { isSignInError, SIGN_IN_STEPS } from "../../lib/cli-guidance.ts";
import { formatUsd, plural, type ConversationId } from "../../../../shared/index.ts";
import { lowerFirst } from "../../lib/lower-first.ts";
import { dotJoin } from "../../lib/dot-join.ts";

/**
 * The end of a turn: cost, duration, turns; errors in red (e.g. an API error reported as `success` + isError). A turn
 * the user stopped is reported by the CLI as an error (`aborted_*`), but it is not one: it reads "Stopped", neutrally.
 * An error text the row just above already says (`isErrorShown`) is not said again. A run Claude Code stopped at its cost
 * budget (`--max-budget-usd`) did what the user asked of it: it reads "Stopped at the cost budget", neutrally, and
 * ChatML's notice below it says how to go on (the CLI's "Reached maximum budget ($0.08)" and "budget exhausted" said
 * the same three times, in red).
 */
export function TurnResultRow({ turn, isErrorShown = false }: { turn: TurnResult; isErrorShown?: boolean }) {
  const isBudgetStop = turn.subtype === "error_max_budget_usd";
  const isStopped = turn.terminalReason?.startsWith("aborted") === true || isBudgetStop;
  const isError = isFailedTurn(turn) && !isBudgetStop;
  const label = isBudgetStop ? "Stopped at the cost budget" : isStopped ? "Stopped" : isError ? errorLabel(turn) : "Done";
  const facts = [
    label,
    turn.durationMs !== null ? `${(turn.durationMs / 1000).toFixed(1)}s` : null,
    turn.totalCostUsd !== null ? `${formatUsd(turn.totalCostUsd)} total` : null,
    // An API error's turn counts 0 model turns: a count that says nothing.
    turn.numTurns ? plural(turn.numTurns, "turn") : null,
    isStopped ? null : reasonSaid(turn.terminalReason, label),
  ].filter(Boolean);
  const errorText = isBudgetStop ? "" : turnErrorText(turn);
  return (
    <div
      data-testid="turn-result"
      data-is-error={isError}
      className={`text-xs ${isError ? "text-red-700 dark:text-red-400" : "text-stone-500 dark:text-stone-400"}`}
    >
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="h-px flex-1 bg-current opacity-20" />
        <span>{dotJoin(facts)}</span>
        <span aria-hidden="true" className="h-px flex-1 bg-current opacity-20" />
      </div>
      {errorText && !isErrorShown ? <p className="mt-1 whitespace-pre-wrap break-words text-center text-sm">{errorText}</p> : null}
      {isError && isSignInError(errorText) ? <SignInHint /> : null}
      {isError && isRequestTooLarge(turn) ? <RequestTooLargeHint /> : null}
    </div>
  );
}

/**
 * "API error 500", "Error: max turns reached"…: the CLI's `success` subtype on an API error is not shown (it read
 * "Error 500 (success)"); other subtypes are said in words.
 */
function errorLabel(turn: TurnResult): string {
  if (turn.apiErrorStatus) return `API error ${turn.apiErrorStatus}`;
  if (turn.subtype === "success") return "Error";
  return `Error: ${turn.subtype.replace(/^error_/, "").replaceAll("_", " ")}`;
}

/**
 * Why the turn ended, in words, when its label does not say it already: "max turns" under "Error", not `completed`
 * under "Done" or `api_error` under "API error 500".
 */
function reasonSaid(reason: string | null, label: string): string | null {
  if (!reason || reason === "completed") return null;
  const words = reason.replaceAll("_", " ");
  return label.toLowerCase().includes(words) ? null : words;
}

/** A sign-in failure says what to do, as the first screen does. */
function SignInHint() {
  return (
    <div data-testid="sign-in-hint" className="mx-auto mt-2 max-w-prose rounded-lg border border-amber-300 bg-amber-50 p-3 text-left text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">Claude Code is not signed in on the machine running ChatML.</p>
      <ol className="mt-1 list-decimal space-y-1 pl-5">
        {SIGN_IN_STEPS.map((step) => <li key={step}>{step}</li>)}
      </ol>
      <p className="mt-1">Then use “Check again” on Home, and send your message again.</p>
    </div>
  );
}

/** Claude's API refused the request for its size (413; the CLI says "Request too large (max 32MB)"). */
function isRequestTooLarge(turn: TurnResult): boolean {
  return turn.apiErrorStatus === 413 || /request too large/i.test(turn.resultText ?? "");
}

/**
 * The CLI's "Try with a smaller file" misleads: the request is the whole conversation, earlier images included (the
 * CLI re-sends them all; ADR 0093), so every later message fails alike until the history is compacted or left.
 */
function RequestTooLargeHint() {
  return (
    <div data-testid="request-too-large-hint" className="mx-auto mt-2 max-w-prose rounded-lg border border-amber-300 bg-amber-50 p-3 text-left text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">This conversation no longer fits in one request to Claude (at most 32 MB).</p>
      <p className="mt-1">
        Claude Code sends the whole conversation with every message, the images of earlier messages too, so each message
        from now on fails the same way. Send <code>/compact</code>: Claude Code sums the conversation up without its images
        and goes on from there. Or start a new conversation.
      </p>
    </div>
  );
}

/**
 * The CLI process ended: why, and the last lines it wrote to stderr. A hand-over between chat mode and the
 * interactive terminal is no ending: it says where the conversation goes on. An archived session's conversation takes
 * no message (ADR 0072), so there the way on is to unarchive it. Once a message went on after it (`isResumed`), it says
 * no way on at all.
 */
export function ProcessExitRow({ exit, conversationId, isResumed = false }: { exit: ProcessExit; conversationId: ConversationId; isResumed?: boolean }) {
  const isArchived = useConversationsStore((s) => s.sessions[s.conversations[conversationId]?.sessionId ?? ""]?.archivedAt != null);
  const jobId = useConversationsStore((s) => s.conversations[conversationId]?.jobId ?? null);
  const isStoredRun = useJobsStore((s) => Object.values(s.runs).some((run) => run.conversationId === conversationId));
  if (exit.handoff) return <HandoffRow exit={exit} />;
  const isRun = jobId !== null || isStoredRun;
  const tone = exit.isExpected
    ? "border-stone-200 text-stone-600 dark:border-stone-800 dark:text-stone-400"
    : "border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-300";
  return (
    <div data-testid="process-exited" className={`rounded-lg border p-3 text-sm ${tone}`}>
      <p className="font-medium">Claude process ended: {exit.reason}</p>
      {exit.stderrTail.trim() ? (
        <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-words font-mono text-xs">{exit.stderrTail}</pre>
      ) : null}
      {isRun ? (
        <EndedRunRow conversationId={conversationId} jobId={jobId} />
      ) : isResumed ? null : (
        <p className="mt-1 text-xs opacity-80">{isArchived ? "The session is archived: unarchive it to resume." : "Send a message to resume."}</p>
      )}
    </div>
  );
}

function HandoffRow({ exit }: { exit: ProcessExit }) {
  const toTerminal = exit.handoff === "terminal";
  const text =
    exit.handoff === "restart"
      ? `${exit.reason.replace(/\.$/, "")}: the same Claude session continues.`
      : toTerminal
        ? "Chat mode stopped here: the Claude session continues in the interactive terminal."
        : `Back in chat mode: ${lowerFirst(exit.reason.replace(/\.$/, ""))}. The next message continues the same Claude session here.`;
  return (
    <div data-testid="mode-handoff" className="flex items-center gap-2 text-xs text-stone-500 dark:text-stone-400">
      <span aria-hidden="true" className="h-px flex-1 bg-current opacity-20" />
      <span className="max-w-prose text-center">
        {text}
      </span>
      <span aria-hidden="true" className="h-px flex-1 bg-current opacity-20" />
    </div>
  );
}


const NOTICE_TONE: Record<NoticeItem["level"], string> = {
  info: "text-stone-500 dark:text-stone-400",
  warning: "text-amber-700 dark:text-amber-400",
  error: "text-red-700 dark:text-red-400",
};

export function NoticeRow({ notice }: { notice: NoticeItem }) {
  return <p className={`text-center text-xs ${NOTICE_TONE[notice.level]}`}>{notice.text}</p>;
}
