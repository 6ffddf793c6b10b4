import type { SessionId, TerminalId } from "../../shared/ids.ts";
import { lazySchema } from "../../shared/lazy-schema.ts";
import { EndedTerminal, TerminalInfo } from "../../shared/protocol/terminals.ts";
import type { Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

type TerminalRow = { info: string; ended_at: number | null; ended_by: EndedBy | null };
type EndedBy = NonNullable<EndedTerminal["endedBy"]>;
/** How many notices of ended terminals a session keeps: four restarts' worth of its five terminals. */
export const MAX_ENDED_NOTICES_PER_SESSION = 20;
/** The `info` column: the terminal as listed, and the last lines of its screen once it ended (no column of their own). */
const RecordedTerminal = lazySchema(() => TerminalInfo.extend({ lastLines: EndedTerminal.shape.lastLines }));

/**
 * The session terminals that are open, and those listed when the server stopped (until their notice is dismissed). A PTY
 * cannot outlive the server, so nothing here is ever started again; it only says what ended.
 */
export class TerminalRepo {
  constructor(private readonly db: Db) {}

  /**
   * Records an open terminal as it is now (opened, renamed, exited, resized), with the last lines of its screen once it
   * ended; nothing once its session is deleted.
   */
  save(info: TerminalInfo, lastLines?: string[]): void {
    this.db.run(
      `INSERT INTO terminals (id, session_id, info, ended_at) SELECT $id, $sessionId, $info, NULL WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $sessionId)
       ON CONFLICT(id) DO UPDATE SET info = excluded.info WHERE ended_at IS NULL`,
      { id: info.id, sessionId: info.sessionId, info: JSON.stringify(lastLines?.length ? { ...info, lastLines } : info) },
    );
  }

  /** Forgets a terminal (closed by the user, or its notice dismissed). */
  remove(id: TerminalId): void {
    this.db.run("DELETE FROM terminals WHERE id = $id", { id });
  }

  /** The running server is alive with its open terminals: a crash's notice says this time as when it was last seen. */
  seen(now: number): void {
    this.db.run("UPDATE terminals SET seen_at = $now WHERE ended_at IS NULL", { now });
  }

  /**
   * Every terminal still listed ended: at `now`, the server's clean stop (`stop`), or, found still open as the server
   * starts (`crash`), when it was last seen. One that had already exited stays too, with how it exited: it vanished from
   * the list without a word, its exit code and problem lost. An open one never seen (a record from before seen_at) says
   * neither how nor when: only when its end was recorded.
   */
  endOpen(now: number, endedBy: EndedBy): void {
    this.db.run(
      `UPDATE terminals SET ended_at = CASE WHEN $endedBy = 'crash' THEN COALESCE(seen_at, $now) ELSE $now END,
       ended_by = CASE WHEN $endedBy = 'crash' AND seen_at IS NULL THEN NULL ELSE $endedBy END WHERE ended_at IS NULL`,
      { now, endedBy },
    );
    // Notices nobody dismissed would pile up restart after restart, and every device gets all of a session's notices
    // (with their last lines) each time one of its terminals changes: only the newest are kept.
    this.db.run(
      `DELETE FROM terminals WHERE rowid IN (
         SELECT rowid FROM (SELECT rowid, ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY ended_at DESC, rowid DESC) AS newness FROM terminals WHERE ended_at IS NOT NULL)
         WHERE newness > $kept)`,
      { kept: MAX_ENDED_NOTICES_PER_SESSION },
    );
  }

  /** A session's terminals a restart ended, oldest first. */
  ended(sessionId: SessionId): EndedTerminal[] {
    return this.db
      .all<TerminalRow>("SELECT info, ended_at, ended_by FROM terminals WHERE session_id = $sessionId AND ended_at IS NOT NULL ORDER BY ended_at, rowid", { sessionId })
      .map(toEnded);
  }

  /** The session a restart-ended terminal belonged to, or null when there is no such notice (any more). */
  sessionOfEnded(id: TerminalId): SessionId | null {
    const row = this.db.get<{ session_id: SessionId }>("SELECT session_id FROM terminals WHERE id = $id AND ended_at IS NOT NULL", { id });
    return row?.session_id ?? null;
  }
}

function toEnded(row: TerminalRow): EndedTerminal {
  const info = decodeJson(RecordedTerminal, row.info, "terminal");
  const [endedAt, endedBy] = [row.ended_at ?? 0, row.ended_by];
  const { id, sessionId, name, kind, createdAt, lastLines } = info;
  const ended = { id, sessionId, name, kind, conversationId: info.conversationId ?? null, createdAt, endedAt, ...(endedBy ? { endedBy } : {}), ...(lastLines ? { lastLines } : {}) };
  if (info.status === "running") return { ...ended, reason: "server_restart" };
  return { ...ended, reason: "exited", ending: info.ending ?? null, exitCode: info.exitCode, signal: info.signal ?? null, problem: info.problem };
}
