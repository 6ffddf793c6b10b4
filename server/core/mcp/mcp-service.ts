import type { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { McpOverview } from "../../../shared/protocol/mcp.ts";
import type { EntityDeps } from "../entity-context.ts";
import { statusFromControl, statusFromInit, type SourceHints } from "./mcp-status.ts";

export type McpServiceDeps = EntityDeps & {
  /** A control request to the conversation's running CLI; null when none runs. */
  control(conversationId: ConversationId, subtype: string, fields: Record<string, unknown>): Promise<unknown>;
  /** Names of the workspace servers ChatML passes to this conversation. */
  hintsOf(conversationId: ConversationId): SourceHints;
  workspaceOf(conversationId: ConversationId): WorkspaceId | null;
};

/** A conversation's MCP servers as its CLI sees them: live status, errors and tools; reconnect and switch off. */
export class McpService {
  constructor(private readonly deps: McpServiceDeps) {}

  /** Publishes the servers of every init message (each turn's start), so every device's list stays current. */
  start(): () => void {
    return this.deps.bus.subscribe((message) => {
      if (message.kind !== "event" || message.sequenced.event.type !== "cli.session.updated") return;
      this.publish(this.fromInit(message.conversationId));
    });
  }

  /** Asks the running CLI (`mcp_status`); without one, what the last init message said. */
  async overview(conversationId: ConversationId): Promise<McpOverview> {
    this.requireConversation(conversationId);
    let answer: unknown;
    try {
      answer = await this.deps.control(conversationId, "mcp_status", {});
    } catch (error) {
      return { ...this.fromInit(conversationId), note: `Claude Code did not report its MCP servers: ${message(error)}` };
    }
    if (answer === null) return this.fromInit(conversationId);
    const servers = statusFromControl(answer, this.deps.hintsOf(conversationId));
    const overview: McpOverview = { conversationId, workspaceId: this.deps.workspaceOf(conversationId), servers, isLive: true, note: null, checkedAt: this.deps.now() };
    this.publish(overview);
    return overview;
  }

  /** Restarts one server in the running CLI; its failure is reported with the fresh status. */
  async reconnect(conversationId: ConversationId, name: string): Promise<McpOverview> {
    return this.act(conversationId, "mcp_reconnect", { serverName: name });
  }

  /** Switches a server off or on in the running CLI (until its next launch). */
  async toggle(conversationId: ConversationId, name: string, isEnabled: boolean): Promise<McpOverview> {
    return this.act(conversationId, "mcp_toggle", { serverName: name, enabled: isEnabled });
  }

  private async act(conversationId: ConversationId, subtype: string, fields: Record<string, unknown>): Promise<McpOverview> {
    this.requireConversation(conversationId);
    let failure: string | null = null;
    try {
      const answer = await this.deps.control(conversationId, subtype, fields);
      if (answer === null) throw new AppError("cli_unavailable", "Claude Code is not running in this conversation; send a message to start it.");
    } catch (error) {
      if (error instanceof AppError && error.code === "cli_unavailable") throw error;
      failure = message(error);
    }
    const overview = await this.overview(conversationId);
    return failure ? { ...overview, note: failure } : overview;
  }

  private fromInit(conversationId: ConversationId): McpOverview {
    const last = this.deps.repos.events.lastOfType(conversationId, "cli.session.updated");
    const servers = last ? statusFromInit(last.event.mcpServers ?? [], last.event.tools, this.deps.hintsOf(conversationId)) : [];
    const note = last ? "As Claude Code reported at the start of its last turn." : "Claude Code has not started in this conversation yet; its MCP servers show once it does.";
    return { conversationId, workspaceId: this.deps.workspaceOf(conversationId), servers, isLive: false, note, checkedAt: last?.at ?? this.deps.now() };
  }

  private publish(overview: McpOverview): void {
    this.deps.bus.publish({ kind: "entity", change: { kind: "mcp", overview } });
  }

  private requireConversation(conversationId: ConversationId): void {
    if (!this.deps.repos.conversations.get(conversationId)) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^Claude Code refused [a-z_]+: /, "") : String(error);
}
