import { useEffect, useState } from "react";
import { formatUsd, type ConversationId, type Run, type RunId, type RunLogEntry, type SessionId } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ApiError, errorMessage } from "../../lib/http.ts";
import { jobsApi } from "../../lib/jobs-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";
import { lastKnownShort } from "../../lib/last-known.ts";
import { MissingScreen } from "../shell/missing-screen.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { formatDuration, formatTime, isRunActive, TRIGGER_LABELS } from "./job-labels.ts";
import { RunActions } from "./run-actions.tsx";
import { RunBudgetWay } from "./run-budget-way.tsx";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { RunTimelinePanel } from "./run-timeline-panel.tsx";
import { useAction } from "./use-action.ts";
import { useRunSession, type RunSessionPresence } from "./use-run-session.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { poolWords } from "./queued-reason.ts";
import { useQueuedReason } from "./use-queued-reason.ts";

/** One run: its state, times, duration, cost, summary or error, what the scheduler did, and its conversation. */
export function RunScreen({ id }: { id: string }) {
  const live = useJobsStore((s) => s.runs[id]);
  const [loaded, setLoaded] = useState<{ run: Run; logs: RunLogEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isMissing, setIsMissing] = useState(false);
  const run = live ?? loaded?.run;
  const [reloads, setReloads] = useState(0);
  const version = `${run?.status}-${run?.summary !== null}-${reloads}`;
  const presence = useRunSession({ sessionId: run?.sessionId ?? null, conversationId: run?.conversationId ?? null });
  useEffect(() => {
    let isCurrent = true;
    jobsApi
      .run(id as RunId)
      .then((answer) => isCurrent && (setLoaded(answer as { run: Run; logs: RunLogEntry[] }), setError(null), setIsMissing(false)))
      .catch((err: unknown) => isCurrent && (setError(errorMessage(err)), setIsMissing(err instanceof ApiError && err.status === 404)));
    return () => {
      isCurrent = false;
    };
  }, [id, version]);
  if (!run && isMissing) return <MissingScreen title="Run" what="run" testId="run-not-found" />;
  if (!run) return <><TopBar title="Run" /><div className="p-4"><ErrorText message={error} />{error ? null : <p className="text-sm text-stone-500">Loading…</p>}</div></>;
  return (
    <>
      <TopBar title={`Run of ${run.jobName}`} />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-3xl flex-col gap-4 p-4">
          <RunFacts run={run} isSessionGone={presence.isSessionGone} />
          <GoneNotice presence={presence} />
          {presence.isConversationGone ? null : <WaitingNotice run={run} />}
          {run.status === "queued" ? <QueuedBehindNotice run={run} /> : null}
          <RunActions run={run} isSessionGone={presence.isSessionGone} onDone={() => setReloads((n) => n + 1)} />
          {run.error ? <p className="whitespace-pre-wrap break-words text-sm text-red-700 dark:text-red-400">{run.error}</p> : null}
          <RunBudgetWay run={run} />
          <RunSummary run={run} isConversationGone={presence.isConversationGone} onDone={() => setReloads((n) => n + 1)} />
          {/* Read once the lists say the conversation is there: before they load, a deleted one would be asked for (a 404). */}
          {run.conversationId && presence.isConversationListed ? <RunTimelinePanel conversationId={run.conversationId as ConversationId} version={version} /> : null}
          <RunLog logs={loaded?.logs ?? []} />
        </div>
      </main>
    </>
  );
}

/** Says that the run's session (or only its conversation) was deleted, and what of the run is still here. */
function GoneNotice({ presence }: { presence: RunSessionPresence }) {
  if (!presence.isConversationGone) return null;
  const what = presence.isSessionGone
    ? "This run's session was deleted, and with it the run's conversation and its changes."
    : "This run's conversation was deleted.";
  return (
    <p role="status" data-testid="run-session-gone" className="rounded-lg bg-stone-100 p-3 text-sm text-stone-700 dark:bg-stone-900 dark:text-stone-300">
      {what} What ChatML stored about the run stays: its status, times, cost, summary and log.
    </p>
  );
}

/**
 * What a run "Waiting for you" waits for ("Asks to use Write"), and the way to answer it: the run screen said only
 * "Waiting for you", and nothing on it could answer.
 */
function WaitingNotice({ run }: { run: Run }) {
  const reason = useConversationsStore((s) => (run.conversationId ? s.conversations[run.conversationId]?.statusReason : null));
  if (run.status !== "waiting" || !run.conversationId) return null;
  const conversationId = run.conversationId;
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      <p className="min-w-0 flex-1 basis-52">{reason ?? "Claude waits for you"}: answer in the run's conversation, and the run goes on.</p>
      <ScreenLink route={{ view: "conversation", id: conversationId, messageId: null }} className={buttonLook("secondary")}>Answer in the conversation</ScreenLink>
    </div>
  );
}

/**
 * Why a queued run has not started (one tap from what holds it): the job's run under way, or every slot of the pool
 * taken by other jobs' runs. The card said the first; the run's own screen said only "Queued", "Started: not yet".
 */
function QueuedBehindNotice({ run }: { run: Run }) {
  const reason = useQueuedReason(run);
  if (!reason) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-200">
      {reason.kind === "job" ? (
        <>
          <p className="min-w-0 flex-1 basis-52">It starts when the run of this job {reason.ahead.status === "waiting" ? "waiting for you" : "running"} since {formatTime(reason.ahead.startedAt ?? reason.ahead.queuedAt)} ends.</p>
          <ScreenLink route={{ view: "run", id: reason.ahead.id }} className={buttonLook("secondary")}>Open the running run</ScreenLink>
        </>
      ) : (
        <>
          <p className="min-w-0 flex-1 basis-52">{poolWords(reason)}</p>
          <ScreenLink route={{ view: "jobs" }} className={buttonLook("secondary")}>See the runs under way</ScreenLink>
        </>
      )}
    </div>
  );
}

/**
 * The run's summary, written by a small model when the run ends; an ended run's can be written again (one that could
 * not be written, or one that says too little) while its conversation exists. Nothing while the run is active.
 */
function RunSummary({ run, isConversationGone, onDone }: { run: Run; isConversationGone: boolean; onDone: () => void }) {
  const action = useAction();
  const isActive = isRunActive(run.status);
  const canWrite = run.conversationId !== null && !isConversationGone;
  if (isActive || (!run.summary && !canWrite)) return null;
  const write = () => action.run(() => jobsApi.summarizeRunAgain(run.id as RunId)).then(onDone);
  return (
    <section aria-label="Summary" className="flex flex-col items-start gap-1">
      <h2 className="text-sm font-semibold">Summary</h2>
      {run.summary ? <p className="whitespace-pre-wrap break-words text-sm">{run.summary}</p> : <p className="text-sm text-stone-500">No summary yet.</p>}
      {canWrite ? (
        <Button disabled={action.isBusy} onClick={write}>
          {action.isBusy ? "Writing the summary…" : run.summary ? "Write the summary again" : "Write a summary"}
        </Button>
      ) : null}
      <ErrorText message={action.error} />
    </section>
  );
}

/** What the run that took over from a failed one is called on the failed run's screen. */
const FOLLOW_UP_LABELS: Partial<Record<Run["trigger"], string>> = { corrective: "Corrective run", retry: "Retry" };

function RunFacts({ run, isSessionGone }: { run: Run; isSessionGone: boolean }) {
  const isLastKnown = useIsConnectionLost();
  // The run that took over from this one (a retry or a corrective run): its log said "Queued a corrective run" with
  // no way to it, while the later run linked back.
  const followUp = useJobsStore((s) => Object.values(s.runs).find((other) => other.previousRunId === run.id));
  const facts: [string, string][] = [
    ["Why", TRIGGER_LABELS[run.trigger] + (run.retries ? ` (retry ${run.retries})` : "")],
    ["Queued", formatTime(run.queuedAt)],
    ["Started", run.startedAt ? formatTime(run.startedAt) : "not yet"],
    ["Ended", run.endedAt ? formatTime(run.endedAt) : "not yet"],
    ["Duration", run.startedAt && run.endedAt ? formatDuration(run.endedAt - run.startedAt) : run.startedAt ? (isLastKnown ? lastKnownShort("still running") : "still running") : "—"],
    ["Cost", run.costUsd === null ? "—" : formatUsd(run.costUsd)],
  ];
  return (
    <section aria-label="Run" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <RunStatusBadge status={run.status} />
        {run.sessionId && !isSessionGone ? (
          <ScreenLink route={{ view: "session", id: run.sessionId as SessionId }} className={buttonLook("ghost", "text-sm")}>Open session</ScreenLink>
        ) : null}
        {run.previousRunId ? <ScreenLink route={{ view: "run", id: run.previousRunId }} className={buttonLook("ghost", "text-sm")}>Previous run</ScreenLink> : null}
        {followUp ? <ScreenLink route={{ view: "run", id: followUp.id }} className={buttonLook("ghost", "text-sm")}>{FOLLOW_UP_LABELS[followUp.trigger] ?? "Next run"}</ScreenLink> : null}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-500">{label}</dt>
            <dd className="min-w-0 break-words" data-testid={`run-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RunLog({ logs }: { logs: RunLogEntry[] }) {
  if (logs.length === 0) return null;
  return (
    <section aria-label="Scheduler log" className="flex flex-col gap-1">
      <h2 className="text-sm font-semibold">Scheduler log</h2>
      <ul className="flex flex-col gap-1 text-xs">
        {logs.map((entry, i) => (
          <li key={i} className={entry.level === "error" ? "text-red-700 dark:text-red-400" : entry.level === "warn" ? "text-amber-700 dark:text-amber-400" : "text-stone-600 dark:text-stone-400"}>
            <time className="mr-2 tabular-nums">{formatTime(entry.at)}</time>
            <span className="break-words">{entry.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
