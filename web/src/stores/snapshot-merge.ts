import type { EntityChange, EntityRevision } from "../../../shared/index.ts";
import type { ListCoverage } from "./list-coverage.ts";

/**
 * Lists loaded over HTTP while entity frames keep arriving on the socket. A list is loaded again when the socket is
 * welcomed and it may have missed a change (the server sends entity frames only to sockets that said hello; ADR 0048),
 * so a snapshot asked for after the welcome holds every change made before it, and every later change arrives as a
 * frame. What the snapshot cannot know is a frame that overtook its answer: those entities are "touched" while the
 * load runs and keep their live value.
 * Everything else comes from the snapshot, so an entity changed or removed while the socket was away (a sleeping
 * phone, a reconnect) is right again after the next welcome.
 */
export class SnapshotTracker {
  private loads = 0;
  private readonly touched = new Set<string>();

  /** Call when a load starts, and `end` when it answered or failed. */
  begin(): void {
    if (this.loads === 0) this.touched.clear();
    this.loads += 1;
  }

  /** Call for every live change (entity frame or a command's answer) of an entity, by kind and id. */
  touch(kind: string, id: string): void {
    if (this.loads > 0) this.touched.add(`${kind}:${id}`);
  }

  /** Call for every live change of a listed entity (an entity frame, or a command's answer added to a list). */
  touchChange(change: EntityChange): void {
    const touched = listedEntityOf(change);
    if (touched) this.touch(touched.kind, touched.id);
  }

  /** A load ended: what was touched is kept for loads still running. */
  end(): void {
    this.loads = Math.max(0, this.loads - 1);
  }

  /** Ids of the kind touched while loading that are gone now (removed live). */
  removed(kind: string, current: Record<string, unknown>): Set<string> {
    const ids = [...this.touched].filter((key) => key.startsWith(`${kind}:`)).map((key) => key.slice(kind.length + 1));
    return new Set(ids.filter((id) => current[id] === undefined));
  }

  /** The snapshot's entities, except those touched live while it loaded (their current value, or gone if removed). */
  merge<T>(kind: string, loaded: Record<string, T>, current: Record<string, T>): Record<string, T> {
    const merged = { ...loaded };
    for (const key of this.touched) {
      if (!key.startsWith(`${kind}:`)) continue;
      const id = key.slice(kind.length + 1);
      const live = current[id];
      if (live === undefined) delete merged[id];
      else merged[id] = live;
    }
    return merged;
  }
}

/** The listed entity a change is about (kind and id), or null for changes no list holds (budgets, queues, …). */
function listedEntityOf(change: EntityChange): { kind: string; id: string } | null {
  switch (change.kind) {
    case "workspace":
      return { kind: "workspace", id: change.workspace.id };
    case "session":
      return { kind: "session", id: change.session.id };
    case "conversation":
      return { kind: "conversation", id: change.conversation.id };
    case "goal":
      return { kind: "goal", id: change.goal.id };
    case "job":
      return { kind: "job", id: change.job.id };
    case "run":
      return { kind: "run", id: change.run.id };
    case "removed":
      return { kind: change.entity, id: change.id };
    default:
      return null;
  }
}

/** A failed load: a first one says why; a failed reload keeps the lists shown (the next welcome loads again). */
export function failedLoad(state: { isLoaded: boolean; loadError: string | null }, error: unknown): { isLoaded: true; loadError: string | null } {
  const hasLists = state.isLoaded && state.loadError === null;
  return { isLoaded: true, loadError: hasLists ? null : error instanceof Error ? error.message : String(error) };
}

/** A store whose lists load: what `loadLists` needs of it to say a load failed. */
type ListStore = { getState(): { isLoaded: boolean; loadError: string | null }; setState(patch: { isLoaded: true; loadError: string | null }): void };

/**
 * One load of a store's lists: asks for them, lets `apply` merge the answers with what changed live meanwhile (the
 * tracker) and set them, then records how far they hold (ListCoverage). A failure keeps what is shown (`failedLoad`).
 */
export async function loadLists<Answers extends readonly { entities: EntityRevision | null }[]>(
  store: ListStore,
  { snapshots, coverage }: { snapshots: SnapshotTracker; coverage: ListCoverage },
  ask: () => Promise<Answers>,
  apply: (answers: Answers) => void,
): Promise<void> {
  snapshots.begin();
  try {
    const answers = await ask();
    apply(answers);
    coverage.loaded(answers.map((answer) => answer.entities));
  } catch (error) {
    store.setState(failedLoad(store.getState(), error));
  } finally {
    snapshots.end();
  }
}
