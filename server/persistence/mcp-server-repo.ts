import { z } from "zod";
import { lazySchema } from "../../shared/lazy-schema.ts";
import type { ConversationId, WorkspaceId } from "../../shared/ids.ts";
import { McpTransport } from "../../shared/protocol/mcp.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

/** A variable or header as stored: a secret's value is null here (it lives in the 0600 secrets file). */
export const StoredSetting = lazySchema(() => z.object({ key: z.string(), value: z.string().nullable(), isSecret: z.boolean() }));
export type StoredSetting = z.infer<typeof StoredSetting>;

/** A workspace MCP server row. */
export type McpServerRecord = {
  id: string;
  workspaceId: WorkspaceId;
  name: string;
  transport: McpTransport;
  command: string | null;
  args: string[];
  url: string | null;
  env: StoredSetting[];
  headers: StoredSetting[];
  isEnabled: boolean;
  updatedAt: number;
};

/**
 * Where a forked conversation starts: the source's CLI session, cut after `resumeAt` (null: from the start).
 * `promptOffset`: how many typed prompts its transcript holds from before the fork (they are not its messages).
 */
export type ForkOrigin = { conversationId: ConversationId; sourceConversationId: ConversationId; sourceCliSessionId: string | null; resumeAt: string | null; promptOffset: number };

type Row = { id: string; workspace_id: string; name: string; transport: string; command: string | null; args: string; url: string | null; env: string; headers: string; is_enabled: number; updated_at: number };

/** Workspace MCP servers and fork origins. */
export class McpServerRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  list(workspaceId: WorkspaceId): McpServerRecord[] {
    return this.db.all<Row>("SELECT * FROM mcp_servers WHERE workspace_id = $workspaceId ORDER BY name", { workspaceId }).map(toRecord);
  }

  get(id: string): McpServerRecord | null {
    const row = this.db.get<Row>("SELECT * FROM mcp_servers WHERE id = $id", { id });
    return row ? toRecord(row) : null;
  }

  /** Inserts or replaces (by id) one server; the (workspace, name) pair must stay unique. */
  save(record: Omit<McpServerRecord, "updatedAt">): McpServerRecord {
    this.db.run(
      `INSERT INTO mcp_servers (id, workspace_id, name, transport, command, args, url, env, headers, is_enabled, updated_at)
       VALUES ($id, $workspaceId, $name, $transport, $command, $args, $url, $env, $headers, $isEnabled, $at)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, transport = excluded.transport, command = excluded.command,
         args = excluded.args, url = excluded.url, env = excluded.env, headers = excluded.headers,
         is_enabled = excluded.is_enabled, updated_at = excluded.updated_at`,
      {
        id: record.id,
        workspaceId: record.workspaceId,
        name: record.name,
        transport: record.transport,
        command: record.command,
        args: JSON.stringify(record.args),
        url: record.url,
        env: JSON.stringify(record.env),
        headers: JSON.stringify(record.headers),
        isEnabled: record.isEnabled ? 1 : 0,
        at: this.now(),
      },
    );
    return this.get(record.id) as McpServerRecord;
  }

  remove(id: string): void {
    this.db.run("DELETE FROM mcp_servers WHERE id = $id", { id });
  }

  setForkOrigin(origin: ForkOrigin): void {
    this.db.run(
      `INSERT INTO conversation_forks (conversation_id, source_conversation_id, source_cli_session_id, resume_at, prompt_offset, created_at)
       VALUES ($conversationId, $sourceConversationId, $sourceCliSessionId, $resumeAt, $promptOffset, $at)`,
      { ...origin, at: this.now() },
    );
  }

  /** Names of the servers the user switched off in this conversation. */
  switchedOff(conversationId: ConversationId): string[] {
    return this.db.all<{ server_name: string }>("SELECT server_name FROM conversation_mcp_off WHERE conversation_id = $conversationId ORDER BY server_name", { conversationId }).map((r) => r.server_name);
  }

  setSwitchedOff(conversationId: ConversationId, name: string, isOff: boolean): void {
    if (isOff) this.db.run("INSERT OR IGNORE INTO conversation_mcp_off (conversation_id, server_name) VALUES ($conversationId, $name)", { conversationId, name });
    else this.db.run("DELETE FROM conversation_mcp_off WHERE conversation_id = $conversationId AND server_name = $name", { conversationId, name });
  }

  /** Remembers which message each copy in a fork's timeline stands for (`copy` → `original`). */
  recordCopies(conversationId: ConversationId, copies: readonly { copy: string; original: string }[]): void {
    this.db.transaction(() => {
      for (const { copy, original } of copies) {
        this.db.run("INSERT INTO forked_messages (message_id, conversation_id, source_message_id) VALUES ($copy, $conversationId, $original)", { copy, conversationId, original });
      }
    });
  }

  /** The message a fork's copy stands for; the id itself when it is not a copy. */
  originalOf(messageId: string): string {
    return this.db.get<{ source_message_id: string }>("SELECT source_message_id FROM forked_messages WHERE message_id = $messageId", { messageId })?.source_message_id ?? messageId;
  }

  forkOrigin(conversationId: ConversationId): ForkOrigin | null {
    const row = this.db.get<{ source_conversation_id: string; source_cli_session_id: string | null; resume_at: string | null; prompt_offset: number }>(
      "SELECT source_conversation_id, source_cli_session_id, resume_at, prompt_offset FROM conversation_forks WHERE conversation_id = $conversationId",
      { conversationId },
    );
    if (!row) return null;
    return {
      conversationId,
      sourceConversationId: row.source_conversation_id as ConversationId,
      sourceCliSessionId: row.source_cli_session_id,
      resumeAt: row.resume_at,
      promptOffset: row.prompt_offset,
    };
  }
}

function toRecord(row: Row): McpServerRecord {
  const where = `mcp server ${row.id}`;
  return {
    id: row.id,
    workspaceId: row.workspace_id as WorkspaceId,
    name: row.name,
    transport: McpTransport.parse(row.transport),
    command: row.command,
    args: decodeJson(z.array(z.string()), row.args, where),
    url: row.url,
    env: decodeJson(z.array(StoredSetting), row.env, where),
    headers: decodeJson(z.array(StoredSetting), row.headers, where),
    isEnabled: row.is_enabled === 1,
    updatedAt: row.updated_at,
  };
}
