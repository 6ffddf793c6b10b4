import { AppError } from "../shared/protocol/errors.ts";
import type { IntegrationWiringDeps } from "./compose-integrations.ts";
import type { Integrations } from "./core/integrations/compose-integrations.ts";
import type { ApprovalBroker } from "./core/interactive/approval-broker.ts";
import type { InteractiveWiring } from "./core/interactive/compose-interactive.ts";
import type { InteractiveClaude } from "./core/interactive/interactive-claude.ts";
import type { ComposeJobsDeps, JobsParts } from "./core/jobs/compose-jobs.ts";
import type { SourceControlDeps, SourceControlService } from "./core/source-control/source-control-service.ts";
import type { Workbench, WorkbenchDeps } from "./core/workbench/compose-workbench.ts";
import type { TurnSnapshots } from "./core/workbench/turn-snapshots.ts";

const stopping = () => new AppError("server_stopping", "ChatML is stopping; jobs, integrations, source control, the workbench and interactive Claude were not started.");

/**
 * The rooms a start composes only after it listens: jobs, GitHub and Linear (ADR 0081); source control, the
 * workbench's changes, files and reviews, and the interactive Claude TUI (ADR 0189).
 */
export type LaterRooms = { jobs: JobsParts; integrations: Integrations; sourceControl: SourceControlService; workbench: Workbench; interactive: { claude: InteractiveClaude; broker: ApprovalBroker } };

export type LaterRoomsDeps = {
  /** Everything the jobs room needs but the pull requests of its runs, which it gets from source control and the integrations. */
  jobs: Omit<ComposeJobsDeps, "pullRequests">;
  integrations: Omit<IntegrationWiringDeps, "sourceControl">;
  sourceControl: SourceControlDeps;
  /** The turn snapshots were started with the conversations, before any turn could run: they watch the bus for turns (ADR 0189, 0210). */
  workbench: WorkbenchDeps & { turns: TurnSnapshots };
  interactive: InteractiveWiring;
};

export type LaterRoomsHandle = {
  /** Imports, composes and starts the rooms the first time it is called; every caller gets the same rooms. */
  ready(): Promise<LaterRooms>;
  /**
   * The rooms once composed, else null: for the synchronous questions a room at start asks of them ("does a TUI run
   * this conversation?"), which have their answer before then (no TUI runs until the interactive room starts one).
   */
  composed(): LaterRooms | null;
  /** Stops the rooms (waiting for a composition under way); a `ready()` after this is refused. */
  stop(): Promise<void>;
};

/**
 * Rooms composed on first need. None is needed for the first request (a probe, the page, the sign-in, a socket's
 * snapshot) nor called by another room while a start runs; only the API and the rooms here reach them. Their code
 * (with the jobs' scheduler, the integrations' clients, the git writes and the workbench's diffs) stays out of what a
 * start parses: `--splitting` gives each dynamic import a chunk of its own.
 */
export function laterRooms(deps: LaterRoomsDeps): LaterRoomsHandle {
  let composing: Promise<LaterRooms> | null = null;
  let rooms: LaterRooms | null = null;
  let isStopped = false;
  const compose = async (): Promise<LaterRooms> => {
    const [{ composeJobs }, { wireIntegrations }, { SourceControlService }, { composeWorkbench }, { composeInteractiveClaude }] = await Promise.all([
      import("./core/jobs/compose-jobs.ts"),
      import("./compose-integrations.ts"),
      import("./core/source-control/source-control-service.ts"),
      import("./core/workbench/compose-workbench.ts"),
      import("./core/interactive/compose-interactive.ts"),
    ]);
    if (isStopped) throw stopping();
    const sourceControl = new SourceControlService(deps.sourceControl);
    const workbench = composeWorkbench(deps.workbench);
    const interactive = { claude: composeInteractiveClaude(deps.interactive), broker: deps.interactive.broker };
    const integrations = wireIntegrations({ ...deps.integrations, sourceControl });
    const jobs = composeJobs({
      ...deps.jobs,
      pullRequests: { push: (id) => sourceControl.push(id), draft: (id) => integrations.pullRequests.draft(id), create: (id, input) => integrations.pullRequests.create(id, input) },
    });
    jobs.start();
    integrations.start();
    return (rooms = { jobs, integrations, sourceControl, workbench, interactive });
  };
  return {
    ready: () => (composing ??= isStopped ? Promise.reject(stopping()) : compose()),
    composed: () => rooms,
    stop: async () => {
      isStopped = true;
      await composing?.catch(() => null);
      // The interactive room stops following its transcripts last, with the server's other rooms (main.ts).
      if (!rooms) return;
      rooms.integrations.stop();
      rooms.workbench.stop();
      await rooms.jobs.stop();
    },
  };
}
