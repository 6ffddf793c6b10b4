import { randomBytes, timingSafeEqual } from "../../lib/web-crypto.ts";
import type { SessionId, TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PendingApproval } from "../../../shared/protocol/terminals.ts";
import type { ToolCall } from "./transcript-mirror.ts";

/**
 * What the hook tells the CLI: a decision, or null to let the TUI's own prompt decide. `updatedPermissions` are the
 * CLI's own suggestion objects the user chose to remember (or a `setMode`), applied as the TUI's matching option would.
 */
export type HookDecision = { behavior: "allow" | "deny"; message?: string; updatedInput?: Record<string, unknown>; updatedPermissions?: unknown[] } | null;

/** The part of a PermissionRequest hook's input we use. */
export type PermissionHookInput = { tool_name?: unknown; tool_input?: unknown; permission_suggestions?: unknown };

/** How long a hook waits for an answer from a device before the TUI's own prompt takes over. */
export const APPROVAL_WAIT_MS = 120_000;
/**
 * Questions (AskUserQuestion) and plans (ExitPlanMode) wait longer: they need the user anyway, and while the hook
 * waits the TUI shows the same prompt, so answering there still works.
 */
export const ANSWER_WAIT_MS = 30 * 60_000;
/** The longest any hook call waits (the hook's own timeout in the CLI is a little longer). */
export const LONGEST_WAIT_MS = Math.max(APPROVAL_WAIT_MS, ANSWER_WAIT_MS);

/**
 * What the TUI is past: its prompt about one tool call (the call got its result), or every prompt asked by the time its
 * turn ended (`turnEndedAt`, the transcript line's time; null when the line has none: every prompt).
 */
export type PromptsPast = { call: ToolCall } | { turnEndedAt: number | null };

type Registered = { terminalId: TerminalId; sessionId: SessionId; secret: Buffer };
/** How a pending approval ended: a device's answer, or null (timed out, terminal ended, the hook gave up). */
/** `isAnsweredInTerminal`: the TUI's own prompt was answered first (the decision is then null). */
export type SettleListener = (approval: PendingApproval, decision: HookDecision, isAnsweredInTerminal: boolean) => void;
/** Hears a new request with the CLI's raw `permission_suggestions` (they stay on the server). */
export type RequestListener = (approval: PendingApproval, suggestions: unknown[]) => void;
type Waiting = { approval: PendingApproval; resolve(decision: HookDecision): void; timer: ReturnType<typeof setTimeout> };

/**
 * Routes the permission prompts of interactive `claude` processes to every device. Each process gets its own
 * secret (in its hook's settings); a hook call with a wrong secret is refused, an answer for a request that is
 * no longer pending is an error, and a request nobody answers in time falls through to the TUI.
 */
export class ApprovalBroker {
  private readonly processes = new Map<TerminalId, Registered>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly listeners = new Set<(approvals: PendingApproval[]) => void>();
  private readonly requestListeners = new Set<RequestListener>();
  private readonly settleListeners = new Set<SettleListener>();
  private nextId = 1;

  constructor(
    private readonly now: () => number,
    private readonly waitMs = APPROVAL_WAIT_MS,
    private readonly answerWaitMs = ANSWER_WAIT_MS,
  ) {}

  onChange(listener: (approvals: PendingApproval[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears each new request, then how it ended (for mirroring it into a conversation). */
  onRequest(listener: RequestListener, onSettle: SettleListener): void {
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

  /**
   * The terminal of the running interactive claude whose secret this is; throws `unauthorized` for any other (checked
   * before its request is read).
   */
  authenticate(secret: string | null): TerminalId {
    return this.processOf(secret).terminalId;
  }

  list(): PendingApproval[] {
    return [...this.waiting.values()].map((entry) => entry.approval);
  }

  /**
   * A hook call: waits for a device's answer, or resolves null after the wait (the TUI prompt decides). `signal`
   * aborts when the hook went away: the CLI ends its hook once its own prompt was answered in the terminal (seen with
   * 2.1.332; not every time, and then the transcript says so later, see answeredInTerminal), so either way the request
   * was answered in the terminal, whichever of the two comes first.
   */
  async request(secret: string | null, input: PermissionHookInput, signal?: AbortSignal): Promise<HookDecision> {
    const process = this.processOf(secret);
    const toolName = typeof input.tool_name === "string" ? input.tool_name : "unknown tool";
    const toolInput = input.tool_input && typeof input.tool_input === "object" ? (input.tool_input as Record<string, unknown>) : {};
    const createdAt = this.now();
    const waitMs = toolName === "AskUserQuestion" || toolName === "ExitPlanMode" ? this.answerWaitMs : this.waitMs;
    const suggestions = Array.isArray(input.permission_suggestions) ? (input.permission_suggestions as unknown[]) : [];
    const approval: PendingApproval = {
      id: `apr_${this.nextId++}_${randomBytes(6).toString("base64url")}`,
      terminalId: process.terminalId,
      sessionId: process.sessionId,
      toolName,
      input: toolInput,
      createdAt,
      expiresAt: createdAt + waitMs,
    };
    return new Promise<HookDecision>((resolve) => {
      const timer = setTimeout(() => this.settle(approval.id, null), waitMs);
      this.waiting.set(approval.id, { approval, resolve, timer });
      signal?.addEventListener("abort", () => this.settle(approval.id, null, true), { once: true });
      for (const listener of this.requestListeners) listener(approval, suggestions);
      this.publish();
    });
  }

  /**
   * A device's answer; the hook returns it to the TUI, which continues. An edited input (a rewritten Bash command,
   * a question's answers) is what the TUI uses instead; remembered permissions are applied by the CLI.
   */
  answer(id: string, decision: NonNullable<HookDecision>): void {
    if (!this.waiting.has(id)) throw new AppError("permission_not_pending", "This request was already answered, timed out, or its terminal has ended.");
    if (decision.behavior === "deny") return this.settle(id, { behavior: "deny", message: decision.message ?? "Denied from ChatML." });
    const { updatedInput, updatedPermissions } = decision;
    this.settle(id, { behavior: "allow", ...(updatedInput ? { updatedInput } : {}), ...(updatedPermissions?.length ? { updatedPermissions } : {}) });
  }

  /**
   * The TUI is past its prompt about a call (the call got its result in its transcript), or past those asked by the
   * time its turn ended. The TUI asks with its own prompt while the hook waits, and the CLI does not end the hook's
   * request when that prompt is answered: a request still pending for it was answered in the terminal, and its card
   * must not wait on every device for the rest of its time. A prompt asked after the turn's end (the next turn's, read
   * before the mirror read that end) still waits.
   */
  answeredInTerminal(terminalId: TerminalId, past: PromptsPast): void {
    for (const { approval } of [...this.waiting.values()]) {
      if (approval.terminalId !== terminalId || !isPast(approval, past)) continue;
      this.settle(approval.id, null, true);
      if ("call" in past) return;
    }
  }

  private processOf(secret: string | null): Registered {
    const given = Buffer.from(secret ?? "");
    for (const process of this.processes.values()) {
      if (process.secret.length === given.length && timingSafeEqual(process.secret, given)) return process;
    }
    throw new AppError("unauthorized", "Unknown or wrong hook secret.");
  }

  private settle(id: string, decision: HookDecision, isAnsweredInTerminal = false): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(id);
    entry.resolve(decision);
    for (const listener of this.settleListeners) listener(entry.approval, decision, isAnsweredInTerminal);
    this.publish();
  }

  private publish(): void {
    const approvals = this.list();
    for (const listener of this.listeners) listener(approvals);
  }
}

function isPast(approval: PendingApproval, past: PromptsPast): boolean {
  if ("call" in past) return approval.toolName === past.call.toolName && Bun.deepEquals(approval.input, past.call.input);
  return past.turnEndedAt === null || approval.createdAt <= past.turnEndedAt;
}
