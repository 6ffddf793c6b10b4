import { z } from "zod";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

/**
 * Answers of client commands by `commandId`, so a retried command is applied once and answers the same.
 * `scope` is the conversation id (or any stable key, e.g. `"global"`, for commands outside a conversation).
 */
export class CommandRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /**
   * Stores `result` (JSON-serialisable; `undefined` is stored as null) unless an answer is stored already, and returns
   * the stored answer: the first one wins.
   */
  remember(scope: string, commandId: string, result: unknown): unknown {
    const json = JSON.stringify(result) ?? "null";
    const { changes } = this.db.run(
      `INSERT INTO commands (conversation_id, command_id, result, created_at) VALUES ($scope, $commandId, $result, $at)
       ON CONFLICT (conversation_id, command_id) DO NOTHING`,
      { scope, commandId, result: json, at: this.now() },
    );
    // Written now, the stored answer is the one just encoded: not read back (every send's commit runs this, issue 16).
    return changes > 0 ? JSON.parse(json) : this.find(scope, commandId);
  }

  /**
   * The remembered answer, or `undefined` when the command was never applied (a stored answer is never undefined).
   * With `schema` the answer is validated; a mismatch throws StorageCorruptionError.
   */
  find(scope: string, commandId: string): unknown;
  find<S extends z.ZodType>(scope: string, commandId: string, schema: S): z.output<S> | undefined;
  find(scope: string, commandId: string, schema: z.ZodType = z.unknown()): unknown {
    const row = this.db.get<{ result: string }>(
      "SELECT result FROM commands WHERE conversation_id = $scope AND command_id = $commandId",
      { scope, commandId },
    );
    return row ? decodeJson(schema, row.result, `command ${scope}/${commandId}`) : undefined;
  }

  /** Forgets answers older than `before` (epoch ms); returns how many. */
  prune(before: number): number {
    return this.db.run("DELETE FROM commands WHERE created_at < $before", { before }).changes;
  }
}
