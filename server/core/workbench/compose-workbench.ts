import type { SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import type { EntityDeps } from "../entity-context.ts";
import { requireGitRepo } from "../session-folder.ts";
import { ChangesService } from "./changes-service.ts";
import { FilesService } from "./files-service.ts";
import { refreshingGitSoon } from "./refresh-git-soon.ts";
import { ReviewService, type ReviewDeps } from "./review-service.ts";
import { TurnSnapshots } from "./turn-snapshots.ts";

/** The session workbench, wired: changes, files and review comments. */
export type Workbench = {
  changes: ChangesService;
  files: FilesService;
  reviews: ReviewService;
  turns: TurnSnapshots;
  stop(): void;
};

/** Inputs of {@link composeWorkbench}. */
export type WorkbenchDeps = EntityDeps & {
  sendMessage: ReviewDeps["sendMessage"];
  /** Re-reads a session's git state (after a save or a restore) so every device's Changes update. */
  refreshGit: (id: SessionId) => Promise<void>;
  /**
   * Turn snapshots already watching the bus (the server starts them before it listens, and composes the rest after:
   * ADR 0189); their owner stops them. Without them the workbench starts its own, and its `stop()` stops them.
   */
  turns?: TurnSnapshots;
};

/** Builds the workbench services (the server composes it once, after it listens: ADR 0189). */
export function composeWorkbench(deps: WorkbenchDeps): Workbench {
  const session = (id: SessionId): Session => {
    const found = deps.repos.sessions.get(id);
    if (!found) throw new AppError("not_found", `No session ${id}.`);
    return found;
  };
  /** A session whose changes git can list: its workspace is a repository. */
  const gitSession = (id: SessionId): Session => {
    const found = session(id);
    requireGitRepo(deps.repos.workspaces.get(found.workspaceId));
    return found;
  };
  const turns = deps.turns ?? new TurnSnapshots(deps);
  const unsubscribe = deps.turns ? () => {} : turns.start();
  const refreshGitSoon = refreshingGitSoon(deps.refreshGit);
  const changes = new ChangesService({ session: gitSession, turns, refreshGitSoon });
  const files = new FilesService({ session, bus: deps.bus, refreshGitSoon });
  const reviews = new ReviewService({ ...deps, session, changes });
  return { changes, files, reviews, turns, stop: unsubscribe };
}
