import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { toolDisplayName } from "../tool-name.ts";
import { BlobId, ConversationId, JobId, MessageId, PartId, PermissionId, SessionId, WorkspaceId } from "../ids.ts";

/** How the server talks to one CLI process. */
export const Transport = lazySchema(() => z.enum(["sdk-url", "stdio"]));
export type Transport = z.infer<typeof Transport>;

/** The transport setting: `auto` picks by CLI version (sdk-url ≤ 2.1.120, stdio after). */
export const TransportSetting = lazySchema(() => z.enum(["auto", "sdk-url", "stdio"]));
export type TransportSetting = z.infer<typeof TransportSetting>;

/** `dontAsk` and `auto` are reported by newer CLIs (2.1.330); the UI offers the first four. */
export const PermissionMode = lazySchema(() => z.enum(["default", "acceptEdits", "plan", "bypassPermissions", "dontAsk", "auto"]));
export type PermissionMode = z.infer<typeof PermissionMode>;

/** How hard Claude thinks (`--effort`, the API's `output_config.effort`); a conversation without one gets the CLI's default. */
export const EffortLevel = lazySchema(() => z.enum(["low", "medium", "high", "xhigh", "max"]));
export type EffortLevel = z.infer<typeof EffortLevel>;

/**
 * Life of one conversation's CLI process, as the user sees it.
 * idle: no process (new, or after a server restart); the next message launches or resumes one.
 * starting: launching / connecting. ready: alive, no turn running. running: a turn is in progress.
 * waiting: the turn waits for the user (permission, question, plan). exited: the process ended on its own
 * (reason in `statusReason`); the next message resumes it.
 */
export const ConversationStatus = lazySchema(() => z.enum(["idle", "starting", "ready", "running", "waiting", "exited"]));
export type ConversationStatus = z.infer<typeof ConversationStatus>;
/** Claude at work in a conversation: starting, running a turn, or waiting on the user mid-turn. */
export const WORKING_STATUSES: ReadonlySet<string> = new Set<ConversationStatus>(["starting", "running", "waiting"]);

export const ConversationKind = lazySchema(() => z.enum(["task", "review", "chat"]));
export type ConversationKind = z.infer<typeof ConversationKind>;

/** How a workspace prefixes new session branches: with the GitHub user name, a custom string, or not at all. */
export const BranchPrefixMode = lazySchema(() => z.enum(["none", "github", "custom"]));
export type BranchPrefixMode = z.infer<typeof BranchPrefixMode>;

export const Workspace = lazySchema(() => z.object({
  id: WorkspaceId,
  name: z.string(),
  path: z.string(),
  createdAt: z.number(),
  /** A git repository (worktree sessions possible) or a plain folder (sessions run in the folder itself). */
  isGitRepo: z.boolean().default(false),
  /** Base branch of new sessions (detected: origin's HEAD, main, master, …). */
  defaultBranch: z.string().nullable().default(null),
  branchPrefixMode: BranchPrefixMode.default("none"),
  /** The custom prefix (mode `custom`). */
  branchPrefix: z.string().default(""),
  /** Shell script run in every new worktree (e.g. `bun install`); its output is kept on the session. */
  setupScript: z.string().nullable().default(null),
  /** Globs of files copied from the repository into new worktrees (e.g. `.env`). */
  copyFiles: z.array(z.string()).default([]),
  /** Named environment-variable sets a session may pass to its CLI processes. */
  envSets: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  /** Set when the folder is gone or no longer a repository (e.g. moved away); null when healthy. */
  problem: z.string().nullable().default(null),
  /** When the user removed it while keeping its history (hidden, restorable); null while in use. */
  archivedAt: z.number().nullable().default(null),
}));
export type Workspace = z.infer<typeof Workspace>;

/** A new worktree on a new branch, a worktree on an existing branch, or the workspace folder itself. */
export const SessionKind = lazySchema(() => z.enum(["worktree", "branch", "folder"]));
export type SessionKind = z.infer<typeof SessionKind>;
export const SessionPriority = lazySchema(() => z.enum(["urgent", "high", "medium", "low"]));
export type SessionPriority = z.infer<typeof SessionPriority>;
export const TaskStatus = lazySchema(() => z.enum(["backlog", "in_progress", "in_review", "done", "cancelled"]));
export type TaskStatus = z.infer<typeof TaskStatus>;

export const SetupStepName = lazySchema(() => z.enum(["fetch", "worktree", "copy", "setup"]));
export const SetupStep = lazySchema(() => z.object({
  name: SetupStepName,
  status: z.enum(["pending", "running", "done", "failed", "skipped"]),
  detail: z.string().nullable(),
}));
export type SetupStep = z.infer<typeof SetupStep>;
/** Progress of a session's creation: its steps and the setup script's output (the tail, capped). */
export const SessionSetup = lazySchema(() => z.object({
  status: z.enum(["running", "ready", "failed"]),
  steps: z.array(SetupStep),
  log: z.string(),
  error: z.string().nullable(),
}));
export type SessionSetup = z.infer<typeof SessionSetup>;

export const GitFileChange = lazySchema(() => z.object({ path: z.string(), status: z.string(), additions: z.number(), deletions: z.number() }));
export type GitFileChange = z.infer<typeof GitFileChange>;
/** A session's live git state, read when HEAD or the index change. */
export const GitState = lazySchema(() => z.object({
  branch: z.string().nullable(),
  headSha: z.string().nullable(),
  /** The subject line of HEAD's commit. */
  headSubject: z.string().nullable().default(null),
  ahead: z.number(),
  behind: z.number(),
  files: z.array(GitFileChange),
  /** How many files differ from HEAD (the Changes panel's "Uncommitted" list): `files` lists the first 300 of them. */
  fileCount: z.number().optional(),
  /** Lines added and deleted over every changed file, `files` beyond its first 300 too (the header's "+12 −3"). */
  additions: z.number().optional(),
  deletions: z.number().optional(),
  checkedAt: z.number(),
  /** A rebase or merge that stopped (on conflicts) and waits for continue or abort. */
  operation: z.enum(["rebase", "merge"]).nullable().default(null),
  /** Paths with unresolved conflicts. */
  conflicts: z.array(z.string()).default([]),
  /** Files that were in conflict and have been resolved (staged) since: listed until the operation is continued or aborted. */
  resolvedConflicts: z.array(z.string()).default([]),
  /** The branch's upstream (`origin/x`) and how far HEAD is ahead of (unpushed) and behind it; null when untracked. */
  upstream: z.object({ name: z.string(), ahead: z.number(), behind: z.number() }).nullable().default(null),
  /**
   * Whether the repository has a remote named origin, where Push sends the branch: without one (a local-only
   * repository) a push can only fail. True when unknown (a state read by an older server).
   */
  hasOrigin: z.boolean().default(true),
  /**
   * A digest of what is staged (each staged file's blob): staging or unstaging a hunk changes it when no file's status
   * or counts against HEAD do (a file already partly staged, a rename), so every device's Git panel reads again.
   */
  staged: z.string().optional(),
  /** A digest of the repository's stash list: a stash made or dropped on one device has every other read the list again. */
  stashes: z.string().optional(),
  /**
   * The session's pull request once merged on GitHub, and how many of HEAD's commits are in neither the base nor the
   * PR's head as merged (made after the merge, or never pushed to it). A squash or rebase merge puts new commits on the
   * base, so git goes on counting the branch's own as ahead of it: this says they are merged. null without a merged PR,
   * or while its head is not in this clone (ADR 0179).
   */
  mergedPullRequest: z.object({ number: z.number(), baseRef: z.string(), unmergedCommits: z.number() }).nullable().default(null),
}));
export type GitState = z.infer<typeof GitState>;

export const Session = lazySchema(() => z.object({
  id: SessionId,
  workspaceId: WorkspaceId,
  name: z.string(),
  /** Folder the CLI runs in (a worktree, or the workspace folder itself). */
  cwd: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  kind: SessionKind.default("folder"),
  /** Written from the first prompt (one-shot CLI call), editable; null until then. */
  title: z.string().nullable().default(null),
  branch: z.string().nullable().default(null),
  baseBranch: z.string().nullable().default(null),
  baseSha: z.string().nullable().default(null),
  worktreePath: z.string().nullable().default(null),
  priority: SessionPriority.default("medium"),
  taskStatus: TaskStatus.default("backlog"),
  isPinned: z.boolean().default(false),
  archivedAt: z.number().nullable().default(null),
  /** Short AI-written summary made when archived. */
  summary: z.string().nullable().default(null),
  /** Name of the workspace env set passed to the CLI, or null. */
  envSet: z.string().nullable().default(null),
  setup: SessionSetup.nullable().default(null),
  git: GitState.nullable().default(null),
  /** Non-fatal notes from creation (e.g. the base is behind its remote). */
  warnings: z.array(z.string()).default([]),
  /** Set when the session cannot run (e.g. its worktree folder was deleted by hand); null when healthy. */
  problem: z.string().nullable().default(null),
  /** The job whose run made this session (its own worktree), or null: the sidebar folds a job's runs (ADR 0064). */
  jobId: JobId.nullable().default(null),
}));
export type Session = z.infer<typeof Session>;

export const Conversation = lazySchema(() => z.object({
  id: ConversationId,
  sessionId: SessionId,
  title: z.string(),
  kind: ConversationKind,
  model: z.string().nullable(),
  /** Set by the user for this conversation; null leaves it to the CLI (its default, medium today). */
  effort: EffortLevel.nullable().default(null),
  permissionMode: PermissionMode,
  /** The CLI's own session id, used with `--resume` so the model keeps its context. */
  cliSessionId: z.string().nullable(),
  transport: Transport.nullable(),
  status: ConversationStatus,
  statusReason: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When the user closed it (hidden from lists, history kept); null or absent while open. */
  closedAt: z.number().nullable().optional(),
  /** The job whose run made this conversation, or null: a session's lists fold a job's runs under it. */
  jobId: JobId.nullable().default(null),
}));
export type Conversation = z.infer<typeof Conversation>;

export const ToolResult = lazySchema(() => z.object({
  /** The result as text (what the model saw), possibly truncated; see `isTruncated`. */
  text: z.string(),
  isError: z.boolean(),
  isTruncated: z.boolean().default(false),
  /** The tool's structured output (Bash stdout/stderr, Write/Edit patch, todos…), normalised to camelCase. */
  structured: z.unknown().optional(),
  /**
   * Set when the CLI itself cut the output (the model saw only its head) and saved the whole of it to a file:
   * where, and how big it really is (bytes; null when the CLI did not say).
   */
  savedOutput: z.object({ path: z.string(), bytes: z.number().nullable() }).optional(),
}));
export type ToolResult = z.infer<typeof ToolResult>;

export const ToolStatus = lazySchema(() => z.enum(["running", "completed", "failed"]));
export type ToolStatus = z.infer<typeof ToolStatus>;

/**
 * Why a call that did not complete normally did not: `denied` (the user or a permission rule refused it — e.g. "Keep
 * planning" on a plan), `interrupted` (the user stopped the turn), `cancelled` (it never ran, e.g. its prompt was
 * withdrawn). Absent for a real failure. From the CLI's `tool_result_meta` (2.1.330+) or, on older CLIs, from the
 * answer ChatML sent and the result's text.
 */
export const ToolOutcome = lazySchema(() => z.enum(["denied", "interrupted", "cancelled"]));
export type ToolOutcome = z.infer<typeof ToolOutcome>;

/**
 * Set on a text or thinking part whose text is not complete: `streaming` for a periodic checkpoint of a part still
 * being streamed, `interrupted` when its process ended (or ChatML crashed) before the part was finished. Absent when
 * the part is complete.
 */
export const StreamState = lazySchema(() => z.enum(["streaming", "interrupted"]));
export type StreamState = z.infer<typeof StreamState>;
export const TextPart = lazySchema(() => z.object({ id: PartId, kind: z.literal("text"), text: z.string(), streamState: StreamState.optional() }));
export const ThinkingPart = lazySchema(() => z.object({ id: PartId, kind: z.literal("thinking"), text: z.string(), streamState: StreamState.optional() }));
export const ImagePart = lazySchema(() => z.object({ id: PartId, kind: z.literal("image"), blobId: BlobId, mediaType: z.string() }));
export const ToolPart = lazySchema(() => z.object({
  id: PartId,
  kind: z.literal("tool"),
  toolUseId: z.string(),
  name: z.string(),
  input: z.unknown(),
  status: ToolStatus,
  result: ToolResult.nullable(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** The input Claude proposed, when the user edited it before allowing; `input` is then what actually ran. */
  editedFrom: z.unknown().optional(),
  /** Set on a `failed` call that was denied, interrupted or cancelled rather than broken (see ToolOutcome). */
  outcome: ToolOutcome.optional(),
  /** A question's wait for the user's answer, in ms (`startedAt` moves to the answer: the time after it is the tool's). */
  answeredAfterMs: z.number().int().min(0).optional(),
}));
export const Part = lazySchema(() => z.discriminatedUnion("kind", [TextPart, ThinkingPart, ImagePart, ToolPart]));
export type Part = z.infer<typeof Part>;
export type TextPart = z.infer<typeof TextPart>;
export type ThinkingPart = z.infer<typeof ThinkingPart>;
export type ImagePart = z.infer<typeof ImagePart>;
export type ToolPart = z.infer<typeof ToolPart>;

export const MessageRole = lazySchema(() => z.enum(["user", "assistant"]));
export type MessageRole = z.infer<typeof MessageRole>;

export const Message = lazySchema(() => z.object({
  id: MessageId,
  role: MessageRole,
  /** Set when the message belongs to a sub-agent: the id of the Task/Agent tool call that runs it. */
  parentToolUseId: z.string().nullable(),
  model: z.string().nullable(),
  createdAt: z.number(),
  parts: z.array(Part),
}));
export type Message = z.infer<typeof Message>;

/** One thing the user can let the CLI remember ("always allow"), offered by the CLI with a request. */
export const PermissionSuggestion = lazySchema(() => z.object({
  id: z.string(),
  label: z.string(),
}));
export type PermissionSuggestion = z.infer<typeof PermissionSuggestion>;

export const QuestionOption = lazySchema(() => z.object({ label: z.string(), description: z.string().nullable() }));
export const Question = lazySchema(() => z.object({
  question: z.string(),
  header: z.string().nullable(),
  options: z.array(QuestionOption),
  multiSelect: z.boolean(),
}));
export type Question = z.infer<typeof Question>;

/** What the CLI asks the user: to run a tool, to answer questions, or to approve a plan. */
export const PermissionRequest = lazySchema(() => z.object({
  id: PermissionId,
  kind: z.enum(["tool", "question", "plan"]),
  toolName: z.string(),
  toolUseId: z.string().nullable(),
  input: z.unknown(),
  description: z.string().nullable(),
  blockedPath: z.string().nullable(),
  /** Set when a sub-agent made the call. */
  agentId: z.string().nullable(),
  suggestions: z.array(PermissionSuggestion),
  questions: z.array(Question).nullable(),
  plan: z.string().nullable(),
  createdAt: z.number(),
}));
export type PermissionRequest = z.infer<typeof PermissionRequest>;

/**
 * What a conversation waiting on a request waits for, as its status row, sheet, attention queue and notifications
 * say it, in chat and interactive mode alike.
 */
export function waitingReason(request: Pick<PermissionRequest, "kind" | "toolName">): string {
  if (request.kind === "question") return "Asks you a question";
  if (request.kind === "plan") return "Waits for you to approve a plan";
  return request.toolName === "Bash" ? "Asks to run Bash" : `Asks to use ${toolDisplayName(request.toolName)}`;
}

export const Usage = lazySchema(() => z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheCreationTokens: z.number(),
}));
export type Usage = z.infer<typeof Usage>;

export const SlashCommand = lazySchema(() => z.object({ name: z.string(), description: z.string(), argumentHint: z.string() }));
export type SlashCommand = z.infer<typeof SlashCommand>;
export const ModelOption = lazySchema(() => z.object({ value: z.string(), displayName: z.string(), description: z.string() }));
export type ModelOption = z.infer<typeof ModelOption>;
