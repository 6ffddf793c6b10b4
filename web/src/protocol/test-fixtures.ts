import type { DurableEvent, EphemeralEvent, MessageId, PartId, PermissionId, PermissionRequest, SequencedEvent } from "../../../shared/index.ts";

/** Tiny builders for reducer tests: ids cast from readable strings, events with sensible defaults. */
export const msgId = (s: string) => `msg_${s.padEnd(6, "x")}` as MessageId;
export const prtId = (s: string) => `prt_${s.padEnd(6, "x")}` as PartId;
export const prmId = (s: string) => `prm_${s.padEnd(6, "x")}` as PermissionId;

export function seqd(seq: number, event: DurableEvent): SequencedEvent {
  return { seq, at: 1000 + seq, event };
}

export type DeltaEvent = Extract<EphemeralEvent, { type: "message.part.delta" }>;

export function textDelta(message: string, part: string, delta: string, isReset = false): DeltaEvent {
  return {
    type: "message.part.delta",
    messageId: msgId(message),
    partId: prtId(part),
    partKind: "text",
    toolName: null,
    delta,
    isReset,
  };
}

export function permission(id: string, overrides: Partial<PermissionRequest> = {}): PermissionRequest {
  return {
    id: prmId(id),
    kind: "tool",
    toolName: "Bash",
    toolUseId: "toolu_1",
    input: { command: "ls" },
    description: null,
    blockedPath: null,
    agentId: null,
    suggestions: [],
    questions: null,
    plan: null,
    createdAt: 1,
    ...overrides,
  };
}

export function turnCompleted(isError = false): DurableEvent {
  return {
    type: "turn.completed",
    isError,
    subtype: "success",
    resultText: null,
    errors: [],
    totalCostUsd: 0.01,
    usage: null,
    numTurns: 1,
    durationMs: 1200,
    durationApiMs: 1000,
    terminalReason: null,
    apiErrorStatus: null,
  };
}
