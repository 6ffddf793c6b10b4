import { randomBytes, timingSafeEqual } from "../../lib/web-crypto.ts";
import type { SessionId, TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PendingApproval } from "../../../shared/protocol/terminals.ts";

/** What the hook tells the CLI: a decision, or null to let the TUI's own prompt decide. */
export type HookDecision = { behavior: "allow" | "deny"; message?: string; updatedInput?: Record<string, unknown> } | null;

/** The part of a PermissionRequest hook's input we use. */
export type PermissionHookInput = { tool_name?: unknown; tool_input?: unknown };

/** How long a hook waits for an answer from a device before the TUI's own prompt takes over. */
export const APPROVAL_WAIT_MS = 120_000;

type Registered = { terminalId: TerminalId; sessionId: SessionId; secret: Buffer };
/** How a pending approval ended: a device's answer, or null (timed out, terminal ended, the hook gave up). */
export type SettleListener = (approval: PendingApproval, decision: HookDecision) => void;
type Waiting = { approval: PendingApproval; resolve(decision: HookDecision): void; timer: ReturnType<typeof setTimeout> };

/**
 * Routes the permission prompts of interactive `claude` processes to every device. Each process gets its own
 * secret (in its hook's environment); a hook call with a wrong secret is refused, an answer for a request that is
 * no longer pending is an error, and a request nobody answers in time falls through to the TUI.
 */
export class ApprovalBroker {
  private readonly processes = new Map<TerminalId, Registered>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly listeners = new Set<(approvals: PendingApproval[]) => void>();
  private readonly requestListeners = new Set<(approval: PendingApproval) => void>();
  private readonly settleListeners = new Set<SettleListener>();
  private nextId = 1;

  constructor(private readonly now: () => number, private readonly waitMs = APPROVAL_WAIT_MS) {}

  onChange(listener: (approvals: PendingApproval[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears each new request, then how it ended (for mirroring it into a conversation). */
  onRequest(listener: (approval: PendingApproval) => void, onSettle: SettleListener): void {
    this.requestListeners.add(listener);
    this.settleListeners.add(onSettle);
  }

  /** A fresh per-process secret; its hook sends it back as `Authorization: Bearer`. */
  static newSecret(): string {
    return randomBytes(32).toString("base64url");
  }

  /** Accepts hook calls carrying `secret` as coming from this terminal's process. */
  register(terminalId: TerminalId, sessionId: SessionId, secret: string): void {
    this.processes.set(terminalId, { terminalId, sessionId, secret: Buffer.from(secret) });
  }

  /** The process is gone: its pending prompts are dropped (the TUI that asked no longer exists). */
  unregister(terminalId: TerminalId): void {
    this.processes.delete(terminalId);
    for (const [id, entry] of this.waiting) if (entry.approval.terminalId === terminalId) this.settle(id, null);
  }

  isRegistered(terminalId: TerminalId): boolean {
    return this.processes.has(terminalId);
  }

  /** The session of a registered process, or null. */
  sessionOf(terminalId: TerminalId): SessionId | null {
    return this.processes.get(terminalId)?.sessionId ?? null;
  }

  list(): PendingApproval[] {
    return [...this.waiting.values()].map((entry) => entry.approval);
  }

  /**
   * A hook call: waits for a device's answer, or resolves null after the wait (the TUI prompt decides). `signal`
   * aborts when the hook went away (the TUI's own prompt was answered and the CLI ended its hook).
   */
  async request(secret: string | null, input: PermissionHookInput, signal?: AbortSignal): Promise<HookDecision> {
    const process = this.processOf(secret);
    const toolName = typeof input.tool_name === "string" ? input.tool_name : "unknown tool";
    const toolInput = input.tool_input && typeof input.tool_input === "object" ? (input.tool_input as Record<string, unknown>) : {};
    const createdAt = this.now();
    const approval: PendingApproval = {
      id: `apr_${this.nextId++}_${randomBytes(6).toString("base64url")}`,
      terminalId: process.terminalId,
      sessionId: process.sessionId,
      toolName,
      input: toolInput,
      createdAt,
      expiresAt: createdAt + this.waitMs,
    };
    return new Promise<HookDecision>((resolve) => {
      const timer = setTimeout(() => this.settle(approval.id, null), this.waitMs);
      this.waiting.set(approval.id, { approval, resolve, timer });
      signal?.addEventListener("abort", () => this.settle(approval.id, null), { once: true });
      for (const listener of this.requestListeners) listener(approval);
      this.publish();
    });
  }

  /** A device's answer; the hook returns it to the TUI, which continues. */
  answer(id: string, decision: { behavior: "allow" | "deny"; message?: string; updatedInput?: Record<string, unknown> }): void {
    if (!this.waiting.has(id)) throw new AppError("permission_not_pending", "This request was already answered, timed out, or its terminal has ended.");
    if (decision.behavior === "deny") return this.settle(id, { behavior: "deny", message: decision.message ?? "Denied from ChatML." });
    // An edited input (e.g. a rewritten Bash command) is what the TUI runs instead.
    this.settle(id, decision.updatedInput ? { behavior: "allow", updatedInput: decision.updatedInput } : { behavior: "allow" });
  }

  private processOf(secret: string | null): Registered {
    const given = Buffer.from(secret ?? "");
    for (const process of this.processes.values()) {
      if (process.secret.length === given.length && timingSafeEqual(process.secret, given)) return process;
    }
    throw new AppError("unauthorized", "Unknown or wrong hook secret.");
  }

  private settle(id: string, decision: HookDecision): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(id);
    entry.resolve(decision);
    for (const listener of this.settleListeners) listener(entry.approval, decision);
    this.publish();
  }

  private publish(): void {
    const approvals = this.list();
    for (const listener of this.listeners) listener(approvals);
  }
}
