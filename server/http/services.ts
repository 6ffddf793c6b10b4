import type { Settings, UpdateSettingsInput } from "../../shared/api/inputs.ts";
import type { UnavailablePermissionMode } from "../../shared/api/permission-modes.ts";
import type { EntityRevision } from "../../shared/protocol/frames.ts";
import type { CliInfo } from "../core/conversations/cli-launcher.ts";
import type { JobsParts } from "../core/jobs/compose-jobs.ts";
import type { Integrations } from "../core/integrations/compose-integrations.ts";
import type { ConversationService } from "../core/conversations/conversation-service.ts";
import type { RemoteAccess } from "../core/remote/remote-access.ts";
import type { SourceControlService } from "../core/source-control/source-control-service.ts";
import type { SkillService } from "../core/skills/skill-service.ts";
import type { BudgetService } from "../core/budgets/budget-service.ts";
import type { MessageQueueService } from "../core/message-queue/queue-service.ts";
import type { CheckpointService } from "../core/checkpoints/checkpoint-service.ts";
import type { Workbench } from "../core/workbench/compose-workbench.ts";
import type { SessionLifecycle } from "../core/workspaces/session-lifecycle.ts";
import type { SessionService } from "../core/workspaces/session-service.ts";
import type { TerminalService } from "../core/terminals/terminal-service.ts";
import type { ApprovalBroker } from "../core/interactive/approval-broker.ts";
import type { InteractiveClaude } from "../core/interactive/interactive-claude.ts";
import type { WorkspaceService } from "../core/workspaces/workspace-service.ts";
import type { Repositories } from "../persistence/repositories.ts";
import type { McpParts } from "../core/mcp/compose-mcp.ts";
import type { ConversationForks } from "../core/conversations/conversation-fork.ts";
import type { WorkInFlight } from "../lib/work-in-flight.ts";

/** What the HTTP routes may call: services only, never SQL or processes. */
export type HttpServices = {
  version: string;
  dataDir: string;
  workspaces: WorkspaceService;
  sessions: SessionService;
  lifecycle: SessionLifecycle;
  /** Git actions on sessions (issue 10). */
  sourceControl: SourceControlService;
  conversations: ConversationService;
  /** Read-only queries for listing history. */
  queries: Pick<Repositories, "events" | "messages" | "pendingPermissions" | "blobs" | "search">;
  settings: { get(): Settings; update(patch: UpdateSettingsInput): Settings };
  /** The CLI found and its sign-in state; `recheck` looks again (after the user installed or signed in). */
  cliInfo(options?: { recheck?: boolean }): Promise<CliInfo>;
  /** Permission modes Claude Code would refuse to start in on this machine, with why (ADR 0097). */
  unavailableModes: readonly UnavailablePermissionMode[];
  /** Sign-in, devices, pairing, push and token rotation (issue 5). */
  remote: RemoteAccess;
  /** Goals, jobs and runs (issue 14). */
  jobs: Pick<JobsParts, "goals" | "jobs" | "runs">;
  /** Skills, custom commands and the `/` catalog (issue 13). */
  skills: SkillService;
  /** Session terminals (PTYs); their bytes travel on `/ws`. */
  terminals: TerminalService;
  /** Cost, turn and thinking budgets (issue 13). */
  budgets: BudgetService;
  /** Messages queued while a turn runs, held and sent by the server (ADR 0025). */
  queue: MessageQueueService;
  /** Interactive `claude` terminals and their hook approvals. */
  interactive: { claude: InteractiveClaude; broker: ApprovalBroker };
  /** File checkpoints and rewind (issue 13, ADR 0015). */
  checkpoints: CheckpointService;
  /** GitHub and Linear (issue 11). */
  integrations: Integrations;
  /** A session's changes, files and review comments (issue 10). */
  workbench: Workbench;
  /** MCP servers: the workspace's own, their live status in a conversation's CLI (issue 13, ADR 0024). */
  mcp: Pick<McpParts, "servers" | "status">;
  /** Work taken and not yet done: refused once the server is stopping, waited for before the database closes. */
  work: WorkInFlight;
  /** "Fork from here" (ADR 0024). */
  forks: ConversationForks;
  /** How many entity changes the sockets have been sent so far (the lists' `x-chatml-entities` header). */
  entityRevision(): EntityRevision;
  /** What any request body may take before its size's allowance (10 s; tests shorten it). */
  bodyDeadlineBaseMs?: number;
};

/** What a start has before it listens (ADR 0210): a probe, the page and the sign-in need no more. */
type ListeningServices = "version" | "dataDir" | "remote" | "work" | "settings" | "queries" | "bodyDeadlineBaseMs";

/**
 * What the app is built with: the services a start has before it listens, and the rest as a promise — the
 * conversations and the rooms around them (ADR 0210) with the rooms composed on the API's first need (ADR 0081, 0189).
 */
export type AppServices = Pick<HttpServices, ListeningServices> & {
  composedAfterListen(): Promise<ServicesAfterListen>;
  /** The API, or what it waits for, did not load (other than because the server is stopping): told once, with the cause (ADR 0217). */
  failedAfterListen(error: Error): void;
};

/** The API's services composed after the listen (ADR 0210): all but those a start has before it. */
export type ServicesAfterListen = Omit<HttpServices, ListeningServices>;
