import type { ConversationId } from "../../shared/ids.ts";
import type { Clock, Db } from "./db.ts";

/** A CLI process a server launched: the guard's pid (its process group) and the kernel's start time of it. */
export type CliProcessRecord = { pid: number; conversationId: ConversationId; startTime: string | null; tag: string | null; startedAt: number };

type Row = { pid: number; conversation_id: string; start_time: string | null; tag: string | null; started_at: number };

/** The launched CLI processes that have not been seen to exit (what a restart must stop first). */
export class CliProcessRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /** Records a launched process (a reused pid replaces the stale record). */
  add(record: Omit<CliProcessRecord, "startedAt">): void {
    this.db.run(
      `INSERT INTO cli_processes (pid, conversation_id, start_time, tag, started_at) VALUES ($pid, $conversationId, $startTime, $tag, $at)
       ON CONFLICT (pid) DO UPDATE SET conversation_id = excluded.conversation_id, start_time = excluded.start_time, tag = excluded.tag,
       started_at = excluded.started_at`,
      { pid: record.pid, conversationId: record.conversationId, startTime: record.startTime, tag: record.tag, at: this.now() },
    );
  }

  /** The process exited (or was stopped). */
  remove(pid: number): void {
    this.db.run("DELETE FROM cli_processes WHERE pid = $pid", { pid });
  }

  listAll(): CliProcessRecord[] {
    return this.db
      .all<Row>("SELECT pid, conversation_id, start_time, tag, started_at FROM cli_processes ORDER BY started_at")
      .map((row) => ({ pid: row.pid, conversationId: row.conversation_id as ConversationId, startTime: row.start_time, tag: row.tag, startedAt: row.started_at }));
  }
}
