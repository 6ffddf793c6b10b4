import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { isTurnEnd, isTurnStart } from "../../../shared/protocol/events.ts";
import { readRecordedTurn, recordTurnTree } from "../../git/turn-refs.ts";
import { recordSharedSnapshot } from "../../git/shared-snapshot.ts";
import { worktreeTree } from "../../git/worktree-tree.ts";
import type { EntityDeps } from "../entity-context.ts";

/** Statuses a conversation is in when no turn is starting or running. */
const NO_TURN = new Set(["idle", "ready", "exited"]);

/**
 * The work tree at the start (and, once it finished, the end) of a session's latest turn, as git trees.
 * `isCut`: read back after a restart with no end recorded: the server stopped during that turn.
 */
export type TurnSnapshot = { conversationId: ConversationId; start: string; end: string | null; isCut?: boolean };

/**
 * Watches conversations for turn starts and ends and snapshots the session's work tree at each, so "in this turn"
 * can show exactly what the last turn changed (including new untracked files). Each snapshot is also recorded as a
 * ref in the repository (server/git/turn-refs.ts, ADR 0018), so the scope survives a restart.
 */
export class TurnSnapshots {
  private readonly latest = new Map<SessionId, TurnSnapshot>();
  private readonly inTurn = new Set<ConversationId>();
  private readonly queues = new Map<SessionId, Promise<void>>();
  /** The work tree a send's checkpoint took just before its turn starts (ADR 0114): that turn's start. */
  private readonly sentFrom = new Map<ConversationId, string>();

  constructor(private readonly deps: EntityDeps) {}

  /** Subscribes to the bus; answers the unsubscribe. */
  start(): () => void {
    return this.deps.bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const { event } = message.sequenced;
      if (isTurnStart(event)) this.onTurnStart(message.conversationId);
      // A send that started no turn (it failed) leaves no start behind for a later turn that had no checkpoint.
      if (event.type === "conversation.status.changed" && NO_TURN.has(event.status)) this.sentFrom.delete(message.conversationId);
      if (isTurnEnd(event)) this.onTurnEnd(message.conversationId);
    });
  }

  /**
   * A send's checkpoint recorded the work tree just before its turn, exactly as a turn's start is recorded here: the
   * turn about to start begins from that tree instead of a snapshot of its own (two git runs instead of six).
   */
  turnStartsFrom(conversationId: ConversationId, tree: string): void {
    this.sentFrom.set(conversationId, tree);
  }

  /** The latest turn of a session (read back from the repository after a restart), or null when none ran. */
  async get(sessionId: SessionId): Promise<TurnSnapshot | null> {
    await this.settled(sessionId);
    const known = this.latest.get(sessionId);
    if (known) return known;
    const session = this.gitSession(this.deps.repos.sessions.get(sessionId));
    // A plain folder records no turns: git is not asked (every conversation's turn end asks, ADR 0252: twenty
    // `git for-each-ref` runs when twenty turns end together, each spawned on the event loop).
    const recorded = session ? await readRecordedTurn(session.cwd, sessionId) : null;
    if (!recorded || this.latest.has(sessionId)) return this.latest.get(sessionId) ?? null;
    const snapshot: TurnSnapshot = { ...recorded, conversationId: recorded.conversationId as ConversationId, isCut: recorded.end === null };
    this.latest.set(sessionId, snapshot);
    return snapshot;
  }

  /** Waits for snapshots being taken (tests, and readers who want the newest). */
  async settled(sessionId: SessionId): Promise<void> {
    await this.queues.get(sessionId);
  }

  private onTurnStart(conversationId: ConversationId): void {
    if (this.inTurn.has(conversationId)) return;
    this.inTurn.add(conversationId);
    const taken = this.sentFrom.get(conversationId);
    this.sentFrom.delete(conversationId);
    this.enqueue(conversationId, async (cwd, sessionId) => {
      const start = taken ?? (await worktreeTree(cwd));
      this.latest.set(sessionId, { conversationId, start, end: null });
      await recordTurnTree(cwd, sessionId, "start", start, conversationId);
    });
  }

  private onTurnEnd(conversationId: ConversationId): void {
    if (!this.inTurn.delete(conversationId)) return;
    this.enqueue(conversationId, async (cwd, sessionId) => {
      const current = this.latest.get(sessionId);
      if (current?.conversationId !== conversationId) return;
      // Shared with the session's git refresh that follows the turn (ADR 0118): it would record the same tree again.
      const { tree: end } = await recordSharedSnapshot(cwd);
      this.latest.set(sessionId, { ...current, end });
      await recordTurnTree(cwd, sessionId, "end", end, conversationId);
    });
  }

  /** The session when its workspace is a git repository: a plain folder has no trees, "in this turn" stays empty there. */
  private gitSession(session: Session | null): Session | null {
    return session && this.deps.repos.workspaces.get(session.workspaceId)?.isGitRepo ? session : null;
  }

  private enqueue(conversationId: ConversationId, step: (cwd: string, sessionId: SessionId) => Promise<void>): void {
    const conversation = this.deps.repos.conversations.get(conversationId);
    const session = this.gitSession(conversation ? this.deps.repos.sessions.get(conversation.sessionId) : null);
    if (!session) return;
    const previous = this.queues.get(session.id) ?? Promise.resolve();
    const next = previous
      .then(() => step(session.cwd, session.id))
      .catch((error: unknown) => console.warn(`[workbench] snapshot of ${session.id} failed:`, error instanceof Error ? error.message : error));
    this.queues.set(session.id, next);
  }
}
