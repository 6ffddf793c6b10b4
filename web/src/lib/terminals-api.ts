import type { ConversationId, EffortLevel, PermissionMode, SessionId, TerminalId } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

const terminal = client.terminals[":id"];

/**
 * The size a new terminal asks for: the page that opened it cannot measure it before it is shown, and its first view
 * there sizes it to the screen (terminals-store `noteOpenedHere`).
 */
const NEW_TERMINAL_SIZE = { cols: 100, rows: 30 } as const;

/** REST calls for session terminals; their bytes travel on the socket (`terminal_*` frames). */
export const terminalsApi = {
  list: (sessionId: SessionId) => call(client.sessions[":id"].terminals.$get({ param: { id: sessionId } })),
  create: (sessionId: SessionId, name?: string) => call(client.sessions[":id"].terminals.$post({ param: { id: sessionId }, json: { ...NEW_TERMINAL_SIZE, ...(name ? { name } : {}) } })),
  rename: (id: TerminalId, name: string) => call(terminal.$patch({ param: { id }, json: { name } })),
  kill: (id: TerminalId) => call(terminal.kill.$post({ param: { id } })),
  restart: (id: TerminalId) => call(terminal.restart.$post({ param: { id } })),
  close: (id: TerminalId) => call(terminal.$delete({ param: { id } })),
  /** Dismisses the notice of a terminal a server restart ended. */
  dismissEnded: (id: TerminalId) => call(client["ended-terminals"][":id"].$delete({ param: { id } })),
  /**
   * The interactive `claude`, mirrored into the given conversation (resuming its Claude session) or a new one; a
   * `resumeSessionId` continues a Claude Code session started outside ChatML; `effort` is the new one's level.
   */
  startClaude: (sessionId: SessionId, options: { conversationId?: ConversationId; resumeSessionId?: string; permissionMode?: PermissionMode; effort?: EffortLevel } = {}) =>
    call(client.sessions[":id"].claude.$post({ param: { id: sessionId }, json: { ...NEW_TERMINAL_SIZE, ...options } })),
  outsideSessions: (sessionId: SessionId) => call(client.sessions[":id"]["outside-sessions"].$get({ param: { id: sessionId } })),
  /** A page of an outside session's transcript (its last turns; `before` = the cursor of the page after). */
  outsideTranscript: (sessionId: SessionId, cliSessionId: string, before: number | null) =>
    call(client.sessions[":id"]["outside-sessions"][":cliSessionId"].messages.$get({ param: { id: sessionId, cliSessionId }, query: before === null ? {} : { before: String(before) } })),
  approvals: () => call(client.approvals.$get()),
  answerApproval: (id: string, behavior: "allow" | "deny") => call(client.approvals[":id"].$post({ param: { id }, json: { behavior } })),
};
