import { homedir } from "node:os";
import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { managedSettingsDir } from "../../claude/hooks/managed-hook-policy.ts";
import { claudeStateFileOf } from "../../claude/onboarding.ts";
import { claudeDirOf } from "../../claude/transcript/transcript-entries.ts";
import type { ConversationService } from "../conversations/conversation-service.ts";
import { EventCommitter } from "../conversations/event-committer.ts";
import type { EntityDeps } from "../entity-context.ts";
import type { McpParts } from "../mcp/compose-mcp.ts";
import type { TerminalService } from "../terminals/terminal-service.ts";
import type { WorkspaceService } from "../workspaces/workspace-service.ts";
import type { ApprovalBroker } from "./approval-broker.ts";
import { InteractiveClaude } from "./interactive-claude.ts";

/** What the interactive room needs from the rest of the server (the composition root passes its services). */
export type InteractiveWiring = EntityDeps & {
  dataDir: string;
  env: Record<string, string | undefined>;
  terminals: TerminalService;
  broker: ApprovalBroker;
  /** The runnable CLI's path; its reason when there is none reaches the "+ Claude" that asked. */
  runnableCli(): Promise<{ path: string | null }>;
  /** Where the TUI's permission and prompt hooks post (the loopback CLI listener). */
  hookUrl: string;
  promptHookUrl: string;
  mcp: Pick<McpParts, "interactiveLaunch" | "releaseInteractive">;
  /** The conversation's custom skills switched off, for the TUI's settings (ADR 0083). */
  skillOverrides(conversationId: ConversationId): Record<string, "off">;
  /** Refuses a `/name` switched off on the Skills screen, typed into the TUI itself (ADR 0083). */
  assertRunnable(conversationId: ConversationId, text: string): void;
  /** Why the model must not run a skill (switched off, maybe after the TUI started), or null (ADR 0087b). */
  skillRefusal(conversationId: ConversationId, name: string): string | null;
  workspaces: Pick<WorkspaceService, "createConversation">;
  conversations: Pick<ConversationService, "stop" | "cwdOf">;
  /** Modes Claude Code would refuse to start in on this machine (ADR 0097). */
  unavailableModes: readonly UnavailablePermissionMode[];
};

/**
 * The interactive Claude TUI in session terminals, wired to the conversations it mirrors into: their rows, their
 * timelines (an EventCommitter each), the structured CLI it takes over, and the session's folders.
 */
export function composeInteractiveClaude(deps: InteractiveWiring): InteractiveClaude {
  const { repos, bus, now } = deps;
  return new InteractiveClaude({
    terminals: deps.terminals,
    broker: deps.broker,
    dataDir: deps.dataDir,
    claudePath: async () => (await deps.runnableCli()).path,
    hookUrl: deps.hookUrl,
    promptHookUrl: deps.promptHookUrl,
    managedSettingsDir: managedSettingsDir(),
    claudeDir: claudeDirOf(deps.env, homedir()),
    claudeStateFile: claudeStateFileOf(deps.env, homedir()),
    now,
    mcp: { launch: (id) => deps.mcp.interactiveLaunch(id), release: (key) => deps.mcp.releaseInteractive(key) },
    skillOverrides: deps.skillOverrides,
    assertRunnable: deps.assertRunnable,
    skillRefusal: deps.skillRefusal,
    unavailableModes: deps.unavailableModes,
    conversations: {
      find: (sessionId, id) => {
        const conversation = repos.conversations.get(id);
        if (conversation?.sessionId !== sessionId) throw new AppError("not_found", `Conversation ${id} is not in session ${sessionId}.`);
        return conversation;
      },
      create: (sessionId, title, effort) => deps.workspaces.createConversation({ sessionId, kind: "chat", title, ...(effort ? { effort } : {}) }),
      titlesIn: (sessionId) => repos.conversations.list(sessionId).map((c) => c.title),
      stopStructured: async (id: ConversationId) => void (await deps.conversations.stop(id, `interactive-${crypto.randomUUID()}`, "Continued in the interactive terminal", "terminal")),
      sinkOf: (id) => new EventCommitter(id, repos.events, bus, now),
      cwdOf: (id): string => deps.conversations.cwdOf(id),
      changed: (id) => {
        const conversation = repos.conversations.get(id);
        if (conversation) bus.publish({ kind: "entity", change: { kind: "conversation", conversation } });
      },
    },
    foldersOf: (id: SessionId) => {
      const session = repos.sessions.get(id);
      const workspace = session ? repos.workspaces.get(session.workspaceId) : null;
      return [session?.worktreePath ?? session?.cwd, session?.cwd, workspace?.path].filter((f): f is string => typeof f === "string");
    },
  });
}
