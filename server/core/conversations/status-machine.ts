import type { DomainEvent } from "../../../shared/protocol/events.ts";
import { waitingReason, type ConversationStatus } from "../../../shared/protocol/model.ts";

export type StatusState = { status: ConversationStatus; reason: string | null; pendingPermissions: number };

/** What happened to a conversation, from the runtime's point of view. */
export type RuntimeSignal =
  | { kind: "launching" }
  | { kind: "launched" }
  | { kind: "launch-failed"; reason: string }
  | { kind: "user-message-sent" }
  /** The CLI was stopped for being idle (after its exit): idle, with the reason saying it sleeps. */
  | { kind: "asleep"; reason: string }
  | { kind: "cli-event"; event: DomainEvent };

/**
 * The conversation state machine: a pure function from the current state and a signal to the next state.
 * Process exits arrive as the translator's `process.exited` event.
 */
export function nextStatus(state: StatusState, signal: RuntimeSignal): StatusState {
  switch (signal.kind) {
    case "launching":
      return { ...state, status: "starting", reason: null };
    case "launched":
      return { ...state, status: state.status === "starting" ? "ready" : state.status, reason: null };
    case "launch-failed":
      return { status: "exited", reason: signal.reason, pendingPermissions: 0 };
    case "user-message-sent":
      return { ...state, status: state.pendingPermissions > 0 ? "waiting" : "running", reason: null };
    case "asleep":
      return { status: "idle", reason: signal.reason, pendingPermissions: 0 };
    case "cli-event":
      return applyCliEvent(state, signal.event);
  }
}

function applyCliEvent(state: StatusState, event: DomainEvent): StatusState {
  switch (event.type) {
    case "permission.requested":
      // The reason says what the user is waited for, so dashboards can tell a permission from a question or a plan.
      return { status: "waiting", reason: waitingReason(event.request), pendingPermissions: state.pendingPermissions + 1 };
    case "permission.resolved": {
      const pendingPermissions = Math.max(0, state.pendingPermissions - 1);
      if (pendingPermissions > 0) return { ...state, pendingPermissions };
      return { status: state.status === "waiting" ? "running" : state.status, reason: null, pendingPermissions };
    }
    case "turn.completed":
      // A background sub-agent may still hold a permission request open after the turn's result.
      return { ...state, status: state.pendingPermissions > 0 ? "waiting" : "ready", reason: null };
    case "process.exited":
      return {
        status: event.isExpected ? "idle" : "exited",
        reason: event.isExpected ? null : event.reason,
        pendingPermissions: 0,
      };
    default:
      return state;
  }
}
