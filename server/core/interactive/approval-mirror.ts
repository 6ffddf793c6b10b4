import { newId, type ConversationId, type PermissionId, type TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { waitingReason, type PermissionRequest } from "../../../shared/protocol/model.ts";
import type { AnswerPermissionInput } from "../../../shared/api/inputs.ts";
import type { PendingApproval } from "../../../shared/protocol/terminals.ts";
import { permissionDecision, type AskedPermission } from "../../claude/commands.ts";
import { parseQuestions, permissionKind, planText, suggestionLabel } from "../../claude/translate-permissions.ts";
import type { ApprovalBroker, HookDecision } from "./approval-broker.ts";
import type { EventSink } from "./transcript-mirror.ts";

type Deps = {
  broker: ApprovalBroker;
  /** The conversation an interactive terminal mirrors into, and its sink; null for a terminal without one. */
  linkOf(terminalId: TerminalId): { conversationId: ConversationId; sink: EventSink } | null;
  /**
   * A prompt of the terminal started waiting (with what it waits for: "Asks you a question") or stopped (null): the
   * conversation's status follows.
   */
  setPending(terminalId: TerminalId, requestId: PermissionId, reason: string | null): void;
};

type Mirrored = { approvalId: string; conversationId: ConversationId; sink: EventSink; decidedBy: string | null; asked: AskedPermission };

/**
 * Puts the interactive `claude`'s permission prompts into its conversation as ordinary permission requests, so the
 * permission card, the question card, the plan card, the attention queue and the push notification work as for
 * stream-json; an answer to that request goes back to the waiting hook through the broker as the same decision a
 * `can_use_tool` answer would be (answers in `updatedInput`, "always allow" and a plan's mode as
 * `updatedPermissions`), which the TUI applies as if its own option had been picked.
 */
export class ApprovalMirror {
  private readonly byPermission = new Map<PermissionId, Mirrored>();
  private readonly byApproval = new Map<string, PermissionId>();

  constructor(private readonly deps: Deps) {
    deps.broker.onRequest(
      (approval, suggestions) => this.requested(approval, suggestions),
      (approval, decision, isAnsweredInTerminal) => this.settled(approval, decision, isAnsweredInTerminal),
    );
  }

  /** True when the request is one of ours (a conversation's answer route hands it here). */
  owns(requestId: PermissionId): boolean {
    return this.byPermission.has(requestId);
  }

  /** `decidedBy`: the answering device's name, shown by the other devices. */
  answer(requestId: PermissionId, input: Omit<AnswerPermissionInput, "commandId">, decidedBy: string | null = null): void {
    const mirrored = this.byPermission.get(requestId);
    if (!mirrored) throw new AppError("permission_not_pending", "This request was already answered, timed out, or its terminal has ended.");
    mirrored.decidedBy = decidedBy;
    this.deps.broker.answer(mirrored.approvalId, permissionDecision(mirrored.asked, input) as NonNullable<HookDecision>);
  }

  private requested(approval: PendingApproval, rawSuggestions: unknown[]): void {
    const link = this.deps.linkOf(approval.terminalId);
    if (!link) return;
    const id = newId("permission");
    const kind = permissionKind(approval.toolName);
    const asked: AskedPermission = { input: approval.input, kind, rawSuggestions };
    this.byPermission.set(id, { approvalId: approval.id, conversationId: link.conversationId, sink: link.sink, decidedBy: null, asked });
    this.byApproval.set(approval.id, id);
    const request: PermissionRequest = {
      id,
      kind,
      toolName: approval.toolName,
      toolUseId: null,
      input: approval.input,
      description: typeof approval.input["description"] === "string" ? approval.input["description"] : null,
      blockedPath: null,
      agentId: null,
      suggestions: rawSuggestions.map((raw, index) => ({ id: String(index), label: suggestionLabel(raw, approval.toolName, approval.input) })),
      questions: kind === "question" ? parseQuestions(approval.input) : null,
      plan: kind === "plan" ? planText(approval.input) : null,
      createdAt: approval.createdAt,
    };
    link.sink.add([{ type: "permission.requested", request }]);
    link.sink.flush();
    this.deps.setPending(approval.terminalId, id, waitingReason(request));
  }

  private settled(approval: PendingApproval, decision: HookDecision, isAnsweredInTerminal: boolean): void {
    const id = this.byApproval.get(approval.id);
    const mirrored = id ? this.byPermission.get(id) : undefined;
    if (!id || !mirrored) return;
    this.byApproval.delete(approval.id);
    this.byPermission.delete(id);
    const outcome = decision === null ? "cancelled" : decision.behavior === "allow" ? "allowed" : "denied";
    const message = isAnsweredInTerminal ? "Answered in the terminal." : decision === null ? "Left to the prompt in the terminal." : (decision.message ?? null);
    mirrored.sink.add([{ type: "permission.resolved", requestId: id, outcome, message, decidedBy: mirrored.decidedBy }]);
    mirrored.sink.flush();
    this.deps.setPending(approval.terminalId, id, null);
  }
}
