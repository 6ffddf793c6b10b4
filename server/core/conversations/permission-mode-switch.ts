import type { ConversationId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { ConversationStatus, PermissionMode } from "../../../shared/protocol/model.ts";
import type { HostMessage } from "../../claude/contracts.ts";
import * as encode from "../../claude/commands.ts";
import type { ConversationStore } from "../ports.ts";
import type { CliProcessHolder } from "./cli-process-holder.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** What the switch asks of the runtime that composes it. */
export type PermissionModeSwitchHost = {
  conversationId: ConversationId;
  store: ConversationStore;
  holder: Pick<CliProcessHolder, "cli" | "stop" | "ensure">;
  status(): ConversationStatus;
  /** A control request to the running CLI; throws when it refuses. */
  control(subtype: string, build: (requestId: string) => HostMessage): Promise<unknown>;
  record(events: DomainEvent[]): void;
  flush(): void;
};

/**
 * A changed permission mode on its way to the CLI: sent to the running process, or, for bypass, which Claude Code
 * allows only from a process's start, by restarting the CLI in it with `--resume`: now when no turn runs, else when
 * the turn ends (ADR 0104).
 */
export class PermissionModeSwitch {
  /** Bypass was chosen while a turn ran in a CLI not started in it: the CLI restarts when the turn ends. */
  private isBypassRestartOwed = false;
  /** The restart into bypass under way: a message waits for it rather than reach the process being stopped. */
  private bypassRestart: Promise<void> | null = null;
  /** Stores bypass again: what the switch that owes the restart saved (see set). */
  private saveOwedBypass: (() => void) | null = null;

  constructor(private readonly host: PermissionModeSwitchHost) {}

  /** The restart into bypass under way, if any: a message waits for it and goes to its successor. */
  get restartUnderWay(): Promise<void> | null {
    return this.bypassRestart;
  }

  /**
   * Changes the permission mode; `save` stores it, once the running CLI took it (or at once when none runs). A CLI not
   * started in bypass refuses to enter it ("bypass_not_launched", 2.1.119 and 2.1.332 alike), so bypass is stored and
   * the CLI restarted in it with `--resume`: now when no turn runs, else when the turn ends (ADR 0104).
   */
  async set(mode: PermissionMode, save: () => void): Promise<void> {
    const cli = this.host.holder.cli;
    this.isBypassRestartOwed = false;
    this.saveOwedBypass = null;
    if (!cli) return save();
    if (mode !== "bypassPermissions" || cli.isBypassLaunched) {
      await this.host.control("set_permission_mode", (id) => encode.encodeSetPermissionMode(id, mode));
      return save();
    }
    save();
    if (this.host.status() === "ready") return this.restartForBypass();
    this.isBypassRestartOwed = true;
    // The turn's CLI still reports its own mode (its init, when the switch came before it), which is stored as it
    // comes: the choice is stored again before the restart reads it.
    this.saveOwedBypass = save;
    this.host.record([{ type: "notice", level: "info", text: BYPASS_RESTART_AFTER_TURN }]);
    this.host.flush();
  }

  /**
   * A mode chosen while the CLI was starting was stored, not sent (no process could take it): it goes to the process
   * now, before any prompt. Bypass needs a restart (ADR 0104): owed now, it happens as the CLI becomes ready, and the
   * message that started the CLI waits for it (sendUserMessage), so it runs in bypass too.
   */
  applyChosenWhileStarting(): void {
    const { holder, store, conversationId } = this.host;
    const cli = holder.cli;
    const stored = store.getConversation(conversationId)?.permissionMode;
    if (!cli || !stored || stored === cli.launchedMode) return;
    if (stored === "bypassPermissions" && !cli.isBypassLaunched) {
      this.isBypassRestartOwed = true;
      return;
    }
    this.host.control("set_permission_mode", (id) => encode.encodeSetPermissionMode(id, stored)).catch((error: unknown) => {
      this.host.record([{ type: "notice", level: "warning", text: `Claude Code did not take the permission mode chosen while it started: ${messageOf(error)}` }]);
      this.host.flush();
    });
  }

  /** The conversation became ready: a restart into bypass owed to the turn goes after the commit (restartOwed). */
  becameReady(): void {
    // After the commit, and before the message queue (which waits a macrotask) sends to the old process.
    if (this.isBypassRestartOwed) queueMicrotask(() => this.restartOwed());
  }

  /** Stops the CLI and starts it again with `--resume`, in the mode now stored (bypass); its exit says why. */
  private restartForBypass(): Promise<void> {
    const restart = this.host.holder.stop(BYPASS_RESTART_REASON, "restart").then(() => this.host.holder.ensure());
    this.bypassRestart = restart;
    void restart.finally(() => {
      if (this.bypassRestart === restart) this.bypassRestart = null;
    }).catch(() => undefined);
    return restart;
  }

  /** The turn that held back a switch to bypass ended: unless a newer process already runs in it, restart now. */
  private restartOwed(): void {
    if (!this.isBypassRestartOwed || this.host.status() !== "ready") return;
    this.isBypassRestartOwed = false;
    const save = this.saveOwedBypass;
    this.saveOwedBypass = null;
    if (this.host.holder.cli?.isBypassLaunched !== false) return;
    save?.();
    // A failed start is already in the timeline (a notice and the exited status); nothing more to say here.
    this.restartForBypass().catch((error: unknown) => console.warn(`[conversation ${this.host.conversationId}] restart in bypass: ${messageOf(error)}`));
  }
}

/** Said by the old process's exit (a `restart` hand-over, not an ending). */
const BYPASS_RESTART_REASON = "Claude Code restarted in Bypass permissions, which it allows only from its start";
const BYPASS_RESTART_AFTER_TURN =
  "Bypass permissions starts when this turn ends: Claude Code allows bypass only from its start, so it restarts then and the conversation continues. Until then it keeps asking.";
