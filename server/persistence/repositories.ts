import { BlobRepo } from "./blob-repo.ts";
import { CliProcessRepo } from "./cli-process-repo.ts";
import { CommandRepo } from "./command-repo.ts";
import { ConversationRepo } from "./conversation-repo.ts";
import type { Clock, Db } from "./db.ts";
import { EventRepo } from "./event-repo.ts";
import { GoalRepo } from "./goal-repo.ts";
import { IntegrationRepo } from "./integration-repo.ts";
import { JobRepo } from "./job-repo.ts";
import { RunRepo } from "./run-repo.ts";
import { SchedulerRepo } from "./scheduler-repo.ts";
import { MessageRepo } from "./message-repo.ts";
import { PendingPermissionRepo } from "./pending-permission-repo.ts";
import { ReviewCommentRepo } from "./review-comment-repo.ts";
import { SearchRepo } from "./search-repo.ts";
import { SessionRepo } from "./session-repo.ts";
import { SettingsRepo } from "./settings-repo.ts";
import { SkillSettingsRepo } from "./skill-settings-repo.ts";
import { BudgetRepo } from "./budget-repo.ts";
import { CheckpointRepo } from "./checkpoint-repo.ts";
import { QueuedMessageRepo } from "./queued-message-repo.ts";
import { McpServerRepo } from "./mcp-server-repo.ts";
import { TerminalRepo } from "./terminal-repo.ts";
import { WorkspaceRepo } from "./workspace-repo.ts";

/** Every repository over one database. */
export type Repositories = {
  workspaces: WorkspaceRepo;
  sessions: SessionRepo;
  conversations: ConversationRepo;
  events: EventRepo;
  messages: MessageRepo;
  pendingPermissions: PendingPermissionRepo;
  settings: SettingsRepo;
  commands: CommandRepo;
  blobs: BlobRepo;
  search: SearchRepo;
  goals: GoalRepo;
  jobs: JobRepo;
  runs: RunRepo;
  scheduler: SchedulerRepo;
  skillSettings: SkillSettingsRepo;
  budgets: BudgetRepo;
  mcpServers: McpServerRepo;
  checkpoints: CheckpointRepo;
  cliProcesses: CliProcessRepo;
  reviewComments: ReviewCommentRepo;
  queuedMessages: QueuedMessageRepo;
  terminals: TerminalRepo;
  /** Sessions' pull requests and Linear links (the integrations room's tables; the git state reads merged PRs). */
  integrations: IntegrationRepo;
};

/**
 * Builds all repositories over `db`; `now` is the clock for created/updated times.
 * @example const repos = createRepositories(openDatabase(join(dataDir, "chatml.db")));
 */
export function createRepositories(db: Db, options: { now?: Clock } = {}): Repositories {
  const now = options.now ?? Date.now;
  const jobs = new JobRepo(db, now);
  const runs = new RunRepo(db, now);
  return {
    workspaces: new WorkspaceRepo(db, now),
    sessions: new SessionRepo(db, now),
    conversations: new ConversationRepo(db, now),
    events: new EventRepo(db),
    messages: new MessageRepo(db),
    pendingPermissions: new PendingPermissionRepo(db),
    settings: new SettingsRepo(db, now),
    commands: new CommandRepo(db, now),
    blobs: new BlobRepo(db, now),
    search: new SearchRepo(db),
    goals: new GoalRepo(db, now),
    jobs,
    runs,
    scheduler: new SchedulerRepo(db, jobs, runs),
    skillSettings: new SkillSettingsRepo(db, now),
    budgets: new BudgetRepo(db, now),
    mcpServers: new McpServerRepo(db, now),
    checkpoints: new CheckpointRepo(db),
    cliProcesses: new CliProcessRepo(db, now),
    reviewComments: new ReviewCommentRepo(db, now),
    queuedMessages: new QueuedMessageRepo(db, now),
    terminals: new TerminalRepo(db),
    integrations: new IntegrationRepo(db, now),
  };
}

export { openDatabase, Db, type Clock, type OpenOptions } from "./db.ts";
export { StorageCorruptionError } from "./errors.ts";
export type { ConversationPatch } from "./conversation-patch.ts";
export type { NewWorkspace } from "./workspace-repo.ts";
export type { NewSession, SessionPatch } from "./session-repo.ts";
export type { WorkspacePatch } from "./workspace-repo.ts";
export type { SearchHit } from "../../shared/api/search.ts";
export { DEFAULT_CONVERSATION_TITLE, type NewConversation } from "./conversation-repo.ts";
export type { MessagePage, MessagePageOptions, FoundToolPart } from "./message-repo.ts";
export type { PendingPermission } from "./pending-permission-repo.ts";
export type { CliProcessRecord } from "./cli-process-repo.ts";
export { DEFAULT_SETTINGS, SettingsSchema } from "./settings-repo.ts";
export type { StoredBlob } from "./blob-repo.ts";
export type { NewGoal } from "./goal-repo.ts";
export type { NewJob } from "./job-repo.ts";
export type { NewRun } from "./run-repo.ts";
export type { CachedCapabilities } from "./skill-settings-repo.ts";
export type { TurnFigures } from "./budget-repo.ts";
export type { StoredCheckpoint } from "./checkpoint-repo.ts";
export type { StoredQueuedMessage } from "./queued-message-repo.ts";
export type { NewReviewComment, ReviewCommentPatch } from "./review-comment-repo.ts";
export {
  WorkspaceRepo,
  SessionRepo,
  ConversationRepo,
  EventRepo,
  MessageRepo,
  PendingPermissionRepo,
  SettingsRepo,
  CommandRepo,
  BlobRepo,
  SearchRepo,
  SkillSettingsRepo,
  ReviewCommentRepo,
};
