import type { Conversation, Run, Session } from "../../../shared/index.ts";
import { runTitleWithoutTime } from "../../../shared/run-title.ts";

/**
 * Titles as every screen shows them. A job run's stored title ends in its start time on the job's clock, in one fixed
 * format (ADR 0308); shown, that time is on the viewer's clock and in their locale, as the sidebar and the run page
 * name it: All sessions, Home and the tabs said "· 7 Dec, 09:00" (Tokyo's) beside the sidebar's "5:00 PM". Forms that
 * edit a title keep the stored text.
 */

/** A day and a time, as short as the title's own: "Dec 7, 9:00 AM" (en-US), "7 Dec, 09:00" (en-GB). */
const VIEWER_TIME: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" };

/** `title` with a run's time at its end named at `at` on the viewer's clock; any other title as it is. */
export function onViewerClock(title: string, at: number): string {
  const untimed = runTitleWithoutTime(title);
  return untimed === null ? title : `${untimed} · ${new Date(at).toLocaleString(undefined, VIEWER_TIME)}`;
}

/** A session's title (else its name); a job run's with its time on the viewer's clock. */
export function sessionTitle(session: Pick<Session, "title" | "name" | "jobId" | "createdAt">): string {
  const title = session.title ?? session.name;
  return session.jobId ? onViewerClock(title, session.createdAt) : title;
}

/** A conversation's title; a job run's with its time on the viewer's clock. */
export function conversationTitle(conversation: Pick<Conversation, "title" | "jobId" | "createdAt">): string {
  return conversation.jobId ? onViewerClock(conversation.title, conversation.createdAt) : conversation.title;
}

/**
 * A run named by its job and its own start (when it was queued, until it starts) on the viewer's clock, as its
 * conversation's title and the job's run list name it: "Check files · Dec 7, 5:00 PM".
 */
export function runName(run: Pick<Run, "jobName" | "startedAt" | "queuedAt">): string {
  return `${run.jobName} · ${new Date(run.startedAt ?? run.queuedAt).toLocaleString(undefined, VIEWER_TIME)}`;
}

/** A title for a row that names the run's time beside it itself: a job run's without its time, else as it is. */
export function untimedTitle(title: string, jobId: string | null): string {
  return jobId ? (runTitleWithoutTime(title) ?? title) : title;
}
