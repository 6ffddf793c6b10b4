import { AppError } from "../shared/protocol/errors.ts";
import type { IntegrationWiringDeps } from "./compose-integrations.ts";
import type { Integrations } from "./core/integrations/compose-integrations.ts";
import type { ComposeJobsDeps, JobsParts } from "./core/jobs/compose-jobs.ts";

const stopping = () => new AppError("server_stopping", "ChatML is stopping; jobs and integrations were not started.");

/** The rooms a start composes only after it listens (ADR 0081): jobs, and GitHub and Linear. */
export type LaterRooms = { jobs: JobsParts; integrations: Integrations };

export type LaterRoomsDeps = {
  /** Everything the jobs room needs but the pull requests of its runs, which it gets from the integrations. */
  jobs: Omit<ComposeJobsDeps, "pullRequests"> & { push: ComposeJobsDeps["pullRequests"]["push"] };
  integrations: IntegrationWiringDeps;
};

export type LaterRoomsHandle = {
  /** Imports, composes and starts both rooms the first time it is called; every caller gets the same rooms. */
  ready(): Promise<LaterRooms>;
  /** Stops both rooms (waiting for a composition under way); a `ready()` after this is refused. */
  stop(): Promise<void>;
};

/**
 * Jobs and the integrations, composed on first need. Neither is needed for the first request (a probe, the page, the
 * sign-in) nor by another room while a start runs, and their code (~90 KB of the bundle, with the jobs' scheduler and
 * the integrations' clients) stays out of what a start parses: `--splitting` gives each dynamic import a chunk of its own.
 */
export function laterRooms(deps: LaterRoomsDeps): LaterRoomsHandle {
  let composing: Promise<LaterRooms> | null = null;
  let isStopped = false;
  const compose = async (): Promise<LaterRooms> => {
    const [{ composeJobs }, { wireIntegrations }] = await Promise.all([import("./core/jobs/compose-jobs.ts"), import("./compose-integrations.ts")]);
    if (isStopped) throw stopping();
    const integrations = wireIntegrations(deps.integrations);
    const { push, ...jobDeps } = deps.jobs;
    const jobs = composeJobs({
      ...jobDeps,
      pullRequests: { push, draft: (id) => integrations.pullRequests.draft(id), create: (id, input) => integrations.pullRequests.create(id, input) },
    });
    jobs.start();
    integrations.start();
    return { jobs, integrations };
  };
  return {
    ready: () => (composing ??= isStopped ? Promise.reject(stopping()) : compose()),
    stop: async () => {
      isStopped = true;
      const rooms = await composing?.catch(() => null);
      if (!rooms) return;
      rooms.integrations.stop();
      await rooms.jobs.stop();
    },
  };
}
