import type { ConversationId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import type { McpOverview } from "../../../shared/protocol/mcp.ts";
import type { EntityDeps } from "../entity-context.ts";
import { statusFromControl, statusFromInit, withSwitchedOff, type SourceHints } from "./mcp-status.ts";

/** Waits before asking a new process again while its servers are still connecting: about 30 s in all. */
const PENDING_RECHECKS_MS = [250, 500, 1000, 2000, 4000, 8000, 15000];

export type McpServiceDeps = EntityDeps & {
  /** A control request to the conversation's running CLI; null when none runs. */
  control(conversationId: ConversationId, subtype: string, fields: Record<string, unknown>): Promise<unknown>;
  /** Names of the workspace servers ChatML passes to this conversation. */
  hintsOf(conversationId: ConversationId): SourceHints;
  workspaceOf(conversationId: ConversationId): WorkspaceId | null;
};

/** A conversation's MCP servers as its CLI sees them: live status, errors and tools; reconnect and switch off. */
export class McpService {
  /** Conversations whose CLI is starting: the first `ready` after it is a new process to ask. */
  private readonly starting = new Set<ConversationId>();
  /** Counts each conversation's processes, so a recheck of one that ended or was replaced stops. */
  private readonly processes = new Map<ConversationId, number>();
  /** Aborted when the owner stops the service: cancels every pending recheck's timer at once. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: McpServiceDeps) {}

  /**
   * Publishes the servers of every init message (each turn's start), so every device's list stays current, and
   * switches off again what the user switched off in this conversation when a new CLI reports it on — and on again
   * what the CLI reports disabled although this conversation has it on.
   */
  start(): () => void {
    const unsubscribe = this.deps.bus.subscribe((message) => {
      if (message.kind !== "event") return;
      const { event } = message.sequenced;
      if (event.type === "process.exited" || event.type === "conversation.status.changed") return this.processChanged(message.conversationId, event);
      if (event.type !== "cli.session.updated") return;
      const overview = this.fromInit(message.conversationId);
      this.publish(overview);
      const stillOn = overview.servers.filter((s) => overview.switchedOff.includes(s.name) && s.status !== "disabled");
      // The CLI remembers an `mcp_toggle` off in its own config (2.1.330: across restarts, for the folder), so a
      // server switched back on in ChatML, or off in another conversation of the folder, can start disabled.
      const stillOff = overview.servers.filter((s) => !overview.switchedOff.includes(s.name) && s.status === "disabled");
      const changes = [...stillOn.map((s) => ({ name: s.name, isEnabled: false })), ...stillOff.map((s) => ({ name: s.name, isEnabled: true }))];
      if (changes.length > 0) void this.applyAgain(message.conversationId, changes);
    });
    return () => {
      unsubscribe();
      this.stopping.abort();
    };
  }

  /**
   * A stdio CLI reports its servers only in a turn's init: when its process ends, every device's list is marked as the
   * ended process's, and a new process (a relaunch, a restart into Bypass or for an edited MCP config) is asked at
   * once with `mcp_status`, so no list shows the old process's states as current until the next message.
   */
  private processChanged(conversationId: ConversationId, event: Extract<DurableEvent, { type: "process.exited" | "conversation.status.changed" }>): void {
    const wasStarting = this.starting.has(conversationId);
    if (event.type === "process.exited") {
      this.starting.delete(conversationId);
      this.processes.set(conversationId, (this.processes.get(conversationId) ?? 0) + 1);
      this.publish(this.fromInit(conversationId));
      return;
    }
    if (event.status === "starting") this.starting.add(conversationId);
    else this.starting.delete(conversationId);
    if (event.status === "ready" && wasStarting) {
      const process = (this.processes.get(conversationId) ?? 0) + 1;
      this.processes.set(conversationId, process);
      void this.askNewProcess(conversationId, process);
    }
  }

  /**
   * Asks a new process for its servers, and again while any is still `pending`: a stdio CLI is ready before its
   * servers have connected (2.1.332 answers "pending" for each at first) and tells nothing when they do, so the list
   * said "pending" until the next message. Stops once none is pending, the process ended, the service stopped (its
   * timer is cancelled then, not left to fire), or after about 30 s.
   */
  private async askNewProcess(conversationId: ConversationId, process: number): Promise<void> {
    for (const wait of [0, ...PENDING_RECHECKS_MS]) {
      if (wait > 0 && !(await this.waitUnlessStopped(wait))) return;
      if (this.stopping.signal.aborted || this.processes.get(conversationId) !== process) return;
      let overview: McpOverview;
      try {
        overview = await this.overview(conversationId);
      } catch (error) {
        return console.warn(`[mcp] could not ask the new Claude Code of ${conversationId} for its MCP servers:`, error);
      }
      if (overview.isLive) {
        // Published by overview() itself.
        if (!overview.servers.some((server) => server.status === "pending")) return;
        continue;
      }
      // Without a live answer, what it falls back on is news only for the first ask. A recheck that fails is mostly a
      // process being stopped (a relaunch: "not accepting input" comes before its exit is recorded): publishing it
      // would put "did not report its MCP servers" on every device in place of the ended process's list, which the
      // exit publishes moments later. The last live list stays until then.
      if (wait === 0 && this.processes.get(conversationId) === process) this.publish(overview);
      return;
    }
  }

  /**
   * Whether `ms` passed; false as soon as the service stops (its timer is cleared). A plain timer, not
   * `node:timers/promises`: a start imports no more of node than it must (server/startup-imports.test.ts).
   */
  private waitUnlessStopped(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const stopped = () => (clearTimeout(timer), resolve(false));
      const timer = setTimeout(() => (signal.removeEventListener("abort", stopped), resolve(true)), ms);
      signal.addEventListener("abort", stopped, { once: true });
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
    const base = this.base(conversationId);
    const hints = this.deps.hintsOf(conversationId);
    const servers = withSwitchedOff(statusFromControl(answer, hints), base.switchedOff, hints);
    const overview: McpOverview = { ...base, servers, isLive: true, note: null, checkedAt: this.deps.now() };
    this.publish(overview);
    return overview;
  }

  /** Restarts one server in the running CLI; its failure is reported with the fresh status. */
  async reconnect(conversationId: ConversationId, name: string): Promise<McpOverview> {
    return this.act(conversationId, "mcp_reconnect", { serverName: name });
  }

  /**
   * Switches a server off or on for this conversation: remembered (every later CLI of it gets the same), and applied
   * to the running CLI at once; without one it applies when Claude Code next starts.
   */
  async toggle(conversationId: ConversationId, name: string, isEnabled: boolean): Promise<McpOverview> {
    this.requireConversation(conversationId);
    if (!this.knownNames(conversationId).has(name)) {
      throw new AppError("not_found", `This conversation has no MCP server named ${name}.`);
    }
    this.deps.repos.mcpServers.setSwitchedOff(conversationId, name, !isEnabled);
    const overview = await this.act(conversationId, "mcp_toggle", { serverName: name, enabled: isEnabled }, false);
    if (overview.isLive && isEnabled && this.leftOut(overview, name)) {
      // Switched off when this CLI started, it was left out of the launch: the CLI cannot start it now.
      const later: McpOverview = { ...overview, note: `${name} was left out when Claude Code started; it comes on at its next start (Relaunch in Session controls starts it now).` };
      this.publish(later);
      return later;
    }
    if (overview.isLive) return overview;
    const applied: McpOverview = { ...overview, note: `${name} is switched ${isEnabled ? "on" : "off"} for this conversation from Claude Code's next start.` };
    this.publish(applied);
    return applied;
  }

  private async act(conversationId: ConversationId, subtype: string, fields: Record<string, unknown>, needsCli = true): Promise<McpOverview> {
    this.requireConversation(conversationId);
    let failure: string | null = null;
    try {
      const answer = await this.deps.control(conversationId, subtype, fields);
      if (answer === null && needsCli) throw new AppError("cli_unavailable", "Claude Code is not running in this conversation; send a message to start it.");
    } catch (error) {
      if (error instanceof AppError && error.code === "cli_unavailable") throw error;
      failure = message(error);
    }
    const overview = await this.overview(conversationId);
    return failure ? { ...overview, note: failure } : overview;
  }

  /**
   * Servers a switch can name: what ChatML passes Claude Code (the built-in and the workspace's own), what it last
   * reported in any conversation of the session (its init lists every server it loaded from the folder and the
   * user's config; a new conversation has not started yet) and what is switched off here (to switch it back on).
   */
  private knownNames(conversationId: ConversationId): Set<string> {
    const sessionId = this.deps.repos.conversations.get(conversationId)?.sessionId;
    const siblings = sessionId ? this.deps.repos.conversations.list(sessionId).map((c) => c.id) : [conversationId];
    const reported = siblings.flatMap((id) => this.deps.repos.events.lastOfType(id, "cli.session.updated")?.event.mcpServers ?? []);
    const switchedOff = this.deps.repos.mcpServers.switchedOff(conversationId);
    return new Set(["chatml", ...this.deps.hintsOf(conversationId).workspaceNames, ...reported.map((s) => s.name), ...switchedOff]);
  }

  /** The running CLI does not list `name` at all (ChatML left it out of the launch). */
  private leftOut(overview: McpOverview, name: string): boolean {
    return !overview.servers.some((s) => s.name === name);
  }

  private async applyAgain(conversationId: ConversationId, changes: { name: string; isEnabled: boolean }[]): Promise<void> {
    for (const { name, isEnabled } of changes) {
      await this.deps.control(conversationId, "mcp_toggle", { serverName: name, enabled: isEnabled }).catch((error: unknown) => console.warn(`[mcp] could not switch ${name} ${isEnabled ? "on" : "off"} again in ${conversationId}:`, error));
    }
    await this.overview(conversationId);
  }

  private base(conversationId: ConversationId): Pick<McpOverview, "conversationId" | "workspaceId" | "switchedOff"> {
    return { conversationId, workspaceId: this.deps.workspaceOf(conversationId), switchedOff: this.deps.repos.mcpServers.switchedOff(conversationId) };
  }

  private fromInit(conversationId: ConversationId): McpOverview {
    const last = this.deps.repos.events.lastOfType(conversationId, "cli.session.updated");
    const hints = this.deps.hintsOf(conversationId);
    const switchedOff = this.deps.repos.mcpServers.switchedOff(conversationId);
    const servers = last ? withSwitchedOff(statusFromInit(last.event.mcpServers ?? [], last.event.tools, hints), switchedOff, hints) : [];
    const exited = this.deps.repos.events.lastOfType(conversationId, "process.exited");
    const note = !last
      ? "Claude Code has not started in this conversation yet; its MCP servers show once it does."
      : exited && exited.seq > last.seq
        ? "From the Claude Code process that ended: these states may be out of date, and are read again when Claude Code next starts."
        : "As Claude Code reported at the start of its last turn.";
    return { ...this.base(conversationId), servers, isLive: false, note, checkedAt: last?.at ?? this.deps.now() };
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
