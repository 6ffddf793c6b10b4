import { describe, expect, it } from "vitest";
import { decideFollowUp, type QueuedRun } from "./queue.ts";

const BACKOFF_UNTIL = 90_000;

/** A queued run as the scheduler sees it: a fresh scheduled run unless told otherwise. */
function queued(runId: string, jobId: string, queuedAt: number, extra: Partial<QueuedRun> = {}): QueuedRun {
  return { runId, jobId, priority: "normal", queuedAt, notBefore: null, isManual: false, isResuming: false, ...extra };
}

describe("a failed run's follow-up (retry or corrective run)", () => {
  it("is queued as a new run, with the retry's backoff, when no run of the job waits", () => {
    expect(decideFollowUp("j", [], BACKOFF_UNTIL)).toEqual({ kind: "queue", notBefore: BACKOFF_UNTIL });
    expect(decideFollowUp("j", [queued("other-q", "other", 0)], null)).toEqual({ kind: "queue", notBefore: null });
  });

  it("takes over a scheduled run of the job already waiting, which takes the retry's backoff", () => {
    const queue = [queued("other-q", "other", 0), queued("q1", "j", 10)];
    expect(decideFollowUp("j", queue, BACKOFF_UNTIL)).toEqual({ kind: "take_over", runId: "q1", notBefore: BACKOFF_UNTIL });
    // A corrective run has no backoff: the waiting run takes none either.
    expect(decideFollowUp("j", queue, null)).toEqual({ kind: "take_over", runId: "q1", notBefore: null });
  });

  it("takes over a run the user asked for (Run now) without holding it back by the backoff", () => {
    expect(decideFollowUp("j", [queued("q1", "j", 10, { isManual: true })], BACKOFF_UNTIL)).toEqual({ kind: "take_over", runId: "q1", notBefore: null });
  });

  it("leaves a run queued to resume its own conversation as it is, and queues a new one beside it", () => {
    expect(decideFollowUp("j", [queued("resume", "j", 5, { isResuming: true })], BACKOFF_UNTIL)).toEqual({ kind: "queue", notBefore: BACKOFF_UNTIL });
    const queue = [queued("resume", "j", 5, { isResuming: true }), queued("q1", "j", 10)];
    expect(decideFollowUp("j", queue, BACKOFF_UNTIL)).toEqual({ kind: "take_over", runId: "q1", notBefore: BACKOFF_UNTIL });
  });

  it("takes over the oldest fresh run when more than one waits", () => {
    const queue = [queued("q2", "j", 20), queued("q1", "j", 10)];
    expect(decideFollowUp("j", queue, BACKOFF_UNTIL)).toMatchObject({ kind: "take_over", runId: "q1" });
  });
});
