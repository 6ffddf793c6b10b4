import type { Session } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { useJobsStore } from "../../stores/jobs-store.ts";

/**
 * The way back from a job run's session to what made it: its run (the newest the page holds of this session) or,
 * without one, its job. A run's session named neither, and its conversation ended without a way on. It only shows
 * that screen, so it is a link (ADR 0278).
 */
export function SessionJobLink({ session }: { session: Session }) {
  const job = useJobsStore((s) => (session.jobId ? s.jobs[session.jobId] : undefined));
  const runId = useJobsStore((s) => Object.values(s.runs).filter((run) => run.sessionId === session.id).sort((a, b) => b.queuedAt - a.queuedAt)[0]?.id);
  if (!session.jobId) return null;
  const name = job?.name ?? "a job";
  return (
    <ScreenLink
      route={runId ? { view: "run", id: runId } : job?.goalId ? { view: "goal", id: job.goalId } : { view: "jobs" }}
      className={buttonLook("ghost", "max-w-40 text-xs mouse:min-h-9")}
      title={runId ? `Open the run of ${name}` : `Open the job ${name}`}
    >
      {/* Cut at its end in a box of its own: truncated as the centred flex link itself, a long job's name lost both
          ends ("ıtly dependency check with a l"), "Run:" with them. */}
      <span className="truncate">
        {runId ? "Run" : "Job"}: {name}
      </span>
    </ScreenLink>
  );
}
