import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, SessionId, WorkspaceId } from "../ids.ts";
import { ErrorCode } from "./errors.ts";
import { BudgetState } from "./budgets.ts";
import { MessageQueue } from "./queue.ts";
import { McpOverview, McpServerDefinition } from "./mcp.ts";
import { DurableEvent, EphemeralEvent } from "./events.ts";
import { Goal, Job, Run } from "./jobs.ts";
import { GitOperation } from "./git.ts";
import { LinearIssue, PullRequest, WorktreeCatchUp } from "./integrations.ts";
import { Conversation, Session, Workspace } from "./model.ts";
import { TerminalClientFrame, TerminalServerFrames } from "./terminals.ts";

/** Largest frame a browser may send; larger ones are refused with an error frame. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

export const Subscription = lazySchema(() => z.object({
  conversationId: ConversationId,
  /** The last seq this client has; the server replays everything after it. 0 for all. */
  afterSeq: z.number().int().nonnegative(),
}));
export type Subscription = z.infer<typeof Subscription>;

/** Frames a browser sends on `/ws`. */
export const ClientFrame = lazySchema(() => z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    protocol: z.number().int(),
    appVersion: z.string().optional(),
    /** The page's build id (its entry module, see `shared/build-id.ts`); absent in development. */
    appBuild: z.string().max(300).optional(),
    subscriptions: z.array(Subscription).max(200),
  }),
  z.object({ type: z.literal("subscribe"), ...Subscription.shape }),
  z.object({ type: z.literal("unsubscribe"), conversationId: ConversationId }),
  z.object({ type: z.literal("ping"), t: z.number() }),
  ...TerminalClientFrame.options,
]));
export type ClientFrame = z.infer<typeof ClientFrame>;

/** The services ChatML connects to. */
export const IntegrationService = lazySchema(() => z.enum(["github", "linear"]));
export type IntegrationService = z.infer<typeof IntegrationService>;

/** A change to a listed entity, pushed to every socket so lists stay live on every device. */
export const EntityChange = lazySchema(() => z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("workspace"), workspace: Workspace }),
  z.object({ kind: z.literal("session"), session: Session }),
  z.object({ kind: z.literal("conversation"), conversation: Conversation }),
  /** A session's pull request (state, review, checks) changed on GitHub. */
  z.object({ kind: z.literal("pullRequest"), pullRequest: PullRequest }),
  /**
   * Polling could not read a session's pull request for a reason the user must fix (the token cannot see its
   * repository), said as what to do; null once it reads again.
   */
  z.object({ kind: z.literal("pullRequestProblem"), sessionId: SessionId, problem: z.string().nullable() }),
  /** A session's worktree was fast-forwarded to its PR's head, or needs a pull to reach it; null once it has it. */
  z.object({ kind: z.literal("pullRequestWorktree"), sessionId: SessionId, catchUp: WorktreeCatchUp.nullable() }),
  /** A session was linked to a Linear issue, unlinked (issue null), or the issue's state changed. */
  z.object({ kind: z.literal("linearLink"), sessionId: SessionId, issue: LinearIssue.nullable() }),
  /** A workspace, session or conversation was deleted. */
  z.object({ kind: z.literal("goal"), goal: Goal }),
  z.object({ kind: z.literal("job"), job: Job }),
  z.object({ kind: z.literal("run"), run: Run }),
  /** A workspace, session, conversation, goal or job was deleted. */
  z.object({ kind: z.literal("removed"), entity: z.enum(["workspace", "session", "conversation", "goal", "job"]), id: z.string() }),
  /** A long git operation (push, pull, rebase, merge) started, progressed or ended. */
  z.object({ kind: z.literal("git.operation"), operation: GitOperation }),
  /** A conversation's budget limits or usage totals changed (issue 13). */
  z.object({ kind: z.literal("budget"), budget: BudgetState }),
  /** A conversation's queue of messages waiting for the turn to end changed (ADR 0025). */
  z.object({ kind: z.literal("queue"), queue: MessageQueue }),
  /** A conversation's MCP servers changed status (issue 13). */
  z.object({ kind: z.literal("mcp"), overview: McpOverview }),
  /** A workspace's own MCP servers were added, edited or removed. */
  z.object({ kind: z.literal("mcpServers"), workspaceId: WorkspaceId, servers: z.array(McpServerDefinition) }),
]));
export type EntityChange = z.infer<typeof EntityChange>;

/**
 * A point in a server process's count of entity changes: `revision` changes sent since it started (`boot`, random per
 * process). The list endpoints send the count as they read the lists in the `x-chatml-entities` header
 * (`<boot>:<revision>`); the socket's welcome and entity frames carry it too.
 */
export const EntityRevision = lazySchema(() => z.object({ boot: z.string().min(1), revision: z.number().int().nonnegative() }));
export type EntityRevision = z.infer<typeof EntityRevision>;
export { ENTITY_REVISION_HEADER, formatEntityRevision, parseEntityRevision } from "./entity-revision-header.ts";

/** What part of a session's workbench a `workbench.changed` frame is about. */
export const WorkbenchTopic = lazySchema(() => z.enum(["reviews", "files"]));
export type WorkbenchTopic = z.infer<typeof WorkbenchTopic>;

/** One device in a `presence` frame; `kind` "script" is a Bearer-token client. */
export const PresenceDevice = lazySchema(() => z.object({ id: z.string(), name: z.string(), kind: z.enum(["device", "script"]) }));
export type PresenceDevice = z.infer<typeof PresenceDevice>;

/** Frames the server sends on `/ws`. */
export const ServerFrame = lazySchema(() => z.discriminatedUnion("type", [
  /** `features` names additive frame families the server speaks (e.g. "terminals.v1"); absent on older servers. */
  /**
   * `entities`: how many entity changes this server process has sent so far (its `boot` tells processes apart); what
   * follows on this socket starts after it. A page whose lists already hold every change up to it need not load them
   * again. Absent on older servers.
   */
  z.object({ type: z.literal("welcome"), protocol: z.number().int(), serverVersion: z.string(), features: z.array(z.string()).optional(), entities: EntityRevision.optional() }),
  z.object({
    type: z.literal("event"),
    conversationId: ConversationId,
    seq: z.number().int().positive(),
    at: z.number(),
    event: DurableEvent,
  }),
  z.object({ type: z.literal("delta"), conversationId: ConversationId, event: EphemeralEvent }),
  /** Replay after `afterSeq` is done; what follows is live. */
  z.object({ type: z.literal("replayed"), conversationId: ConversationId, lastSeq: z.number().int().nonnegative() }),
  /** `revision`: this change's number in the server process's count (`welcome.entities`); absent on older servers. */
  z.object({ type: z.literal("entity"), change: EntityChange, revision: z.number().int().positive().optional() }),
  /**
   * The signed-in devices changed: one connected (its first socket) or disconnected (its last), signed in, was renamed
   * or signed out. Screens listing devices read the list again. Sent to every socket.
   */
  z.object({ type: z.literal("devices.changed") }),
  /**
   * GitHub or Linear was connected, disconnected or set otherwise (on any device): screens showing the connection read
   * it again. Sent to every socket; it carries no token or key.
   */
  z.object({ type: z.literal("integrations.changed"), service: IntegrationService }),
  /** Part of a session's workbench changed; devices showing it refetch that part. Sent to every socket. */
  z.object({ type: z.literal("workbench.changed"), sessionId: SessionId, topic: WorkbenchTopic }),
  z.object({
    type: z.literal("error"),
    code: ErrorCode,
    message: z.string(),
    conversationId: ConversationId.optional(),
  }),
  z.object({ type: z.literal("pong"), t: z.number() }),
  /** Which devices watch a conversation right now (sent to its subscribers whenever it changes). */
  z.object({ type: z.literal("presence"), conversationId: ConversationId, devices: z.array(PresenceDevice) }),
  /**
   * The page runs another build than the server serves (by build id; by version when either has none): reload when
   * convenient; messages keep flowing. `change` says how the server's stands to the page's: newer, older, or rebuilt.
   */
  z.object({ type: z.literal("update_available"), serverVersion: z.string(), appVersion: z.string(), change: z.enum(["newer", "older", "rebuilt"]) }),
  ...TerminalServerFrames,
]));
export type ServerFrame = z.infer<typeof ServerFrame>;
