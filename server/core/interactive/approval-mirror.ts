import { newId, type ConversationId, type PermissionId, type TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PermissionRequest } from "../../../shared/protocol/model.ts";
import type { PendingApproval } from "../../../shared/protocol/terminals.ts";
import type { ApprovalBroker, HookDecision } from "./approval-broker.ts";
import type { EventSink } from "./transcript-mirror.ts";

type Deps = {
  broker: ApprovalBroker;
  /** The conversation an interactive terminal mirrors into, and its sink; null for a terminal without one. */
  linkOf(terminalId: TerminalId): { conversationId: ConversationId; sink: EventSink } | null;
  /** A prompt of the terminal started (+1) or stopped (-1) waiting: the conversation's status follows. */
  countPending(terminalId: TerminalId, delta: 1 | -1): void;
};

type Mirrored = { approvalId: string; conversationId: ConversationId; sink: EventSink; decidedBy: string | null };

/**
 * Puts the interactive `claude`'s permission prompts into its conversation as ordinary permission requests, so the
 * permission card, the attention queue and the push notification with Allow/Deny work as for stream-json; an answer
 * to that request goes back to the waiting hook through the broker.
 */
export class ApprovalMirror {
  private readonly byPermission = new Map<PermissionId, Mirrored>();
  private readonly byApproval = new Map<string, PermissionId>();

  constructor(private readonly deps: Deps) {
    deps.broker.onRequest(
      (approval) => this.requested(approval),
      (approval, decision) => this.settled(approval, decision),
    );
  }

  /** True when the request is one of ours (a conversation's answer route hands it here). */
  owns(requestId: PermissionId): boolean {
    return this.byPermission.has(requestId);
  }

  /** `decidedBy`: the answering device's name, shown by the other devices. */
  answer(requestId: PermissionId, input: { decision: "allow" | "deny"; message?: string | undefined; updatedInput?: Record<string, unknown> | undefined }, decidedBy: string | null = null): void {
    const mirrored = this.byPermission.get(requestId);
    if (!mirrored) throw new AppError("permission_not_pending", "This request was already answered, timed out, or its terminal has ended.");
    mirrored.decidedBy = decidedBy;
    const { decision, message, updatedInput } = input;
    this.deps.broker.answer(mirrored.approvalId, { behavior: decision, ...(message ? { message } : {}), ...(updatedInput ? { updatedInput } : {}) });
  }

  private requested(approval: PendingApproval): void {
    const link = this.deps.linkOf(approval.terminalId);
    if (!link) return;
    const id = newId("permission");
    this.byPermission.set(id, { approvalId: approval.id, conversationId: link.conversationId, sink: link.sink, decidedBy: null });
    this.byApproval.set(approval.id, id);
    const request: PermissionRequest = {
      id,
      kind: "tool",
      toolName: approval.toolName,
      toolUseId: null,
      input: approval.input,
      description: typeof approval.input["description"] === "string" ? approval.input["description"] : null,
      blockedPath: null,
      agentId: null,
      suggestions: [],
      questions: null,
      plan: null,
      createdAt: approval.createdAt,
    };
    link.sink.add([{ type: "permission.requested", request }]);
    link.sink.flush();
    this.deps.countPending(approval.terminalId, 1);
  }

  private settled(approval: PendingApproval, decision: HookDecision): void {
    const id = this.byApproval.get(approval.id);
    const mirrored = id ? this.byPermission.get(id) : undefined;
    if (!id || !mirrored) return;
    this.byApproval.delete(approval.id);
    this.byPermission.delete(id);
    const outcome = decision === null ? "cancelled" : decision.behavior === "allow" ? "allowed" : "denied";
    const message = decision === null ? "Left to the prompt in the terminal." : (decision.message ?? null);
    mirrored.sink.add([{ type: "permission.resolved", requestId: id, outcome, message, decidedBy: mirrored.decidedBy }]);
    mirrored.sink.flush();
    this.deps.countPending(approval.terminalId, -1);
  }
}
