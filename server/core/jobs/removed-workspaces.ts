import type { WorkspaceId } from "../../../shared/ids.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";

/**
 * Whether each job's workspace is removed (archived, or its history deleted), for the scheduler's every tick. While
 * the jobs room follows workspace events (`isFollowing`) a workspace is read once and then kept by its events; before
 * and after, every question reads storage, so nothing stale is ever answered.
 */
export class RemovedWorkspaces {
  private readonly known = new Map<WorkspaceId, boolean>();
  private isFollowing = false;

  constructor(private readonly read: (id: WorkspaceId) => Pick<Workspace, "archivedAt"> | null | undefined) {}

  isRemoved(id: WorkspaceId): boolean {
    const kept = this.isFollowing ? this.known.get(id) : undefined;
    if (kept !== undefined) return kept;
    const isRemoved = this.read(id)?.archivedAt !== null;
    if (this.isFollowing) this.known.set(id, isRemoved);
    return isRemoved;
  }

  /** Keeps what an event says; answers whether that changes what was known (an unknown workspace counts as changed). */
  note(id: WorkspaceId, isRemoved: boolean): boolean {
    const before = this.known.get(id);
    if (this.isFollowing) this.known.set(id, isRemoved);
    return before !== isRemoved;
  }

  /** Events now reach {@link note} (true) or no longer do (false: what was kept may go stale, so it is dropped). */
  setFollowing(isFollowing: boolean): void {
    this.isFollowing = isFollowing;
    this.known.clear();
  }
}
