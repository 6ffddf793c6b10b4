import { newId, type ConversationId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import type { Message } from "../../shared/protocol/model.ts";
import { openDatabase } from "../../server/persistence/db.ts";
import { createRepositories } from "../../server/persistence/repositories.ts";

/** What {@link seedLargeConversation} built. */
export type Seeded = { conversationId: ConversationId; messages: number; toolOutputBytes: number; events: number; ms: number };

const BIG_OUTPUT = Array.from({ length: 400 }, (_, i) => `\u001b[32mline ${i}\u001b[0m ${"x".repeat(40)}`).join("\n");

function userMessage(i: number, at: number): Message {
  return { id: newId("message"), role: "user", parentToolUseId: null, model: null, createdAt: at, parts: [{ id: newId("part"), kind: "text", text: `Request number ${i}: please look at the logs.` }] };
}

function assistantMessage(i: number, at: number): Message {
  const text = { id: newId("part"), kind: "text" as const, text: `Here is what I found for **request ${i}**:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\`\`\`ts\nconst x = ${i};\n\`\`\`` };
  const tool = {
    id: newId("part"), kind: "tool" as const, toolUseId: `toolu_bench_${i}`, name: "Bash", input: { command: `cat log-${i}.txt`, description: "Print a log" },
    status: "completed" as const, result: { text: BIG_OUTPUT, isError: false, isTruncated: false, structured: { stdout: BIG_OUTPUT, stderr: "", interrupted: false } }, startedAt: at, endedAt: at + 40,
  };
  return { id: newId("message"), role: "assistant", parentToolUseId: null, model: "claude-bench", createdAt: at, parts: [text, tool] };
}

/**
 * Writes a conversation of `count` messages (half user, half assistant with a markdown reply and a ~20 KB Bash output)
 * through the real persistence layer (event log + projections), 100 messages per transaction.
 */
export function seedLargeConversation(dbPath: string, folder: string, count: number): Seeded {
  const started = performance.now();
  const db = openDatabase(dbPath);
  const repos = createRepositories(db);
  const workspace = repos.workspaces.create({ path: folder });
  const session = repos.sessions.create({ workspaceId: workspace.id, name: "bench", cwd: folder });
  const conversation = repos.conversations.create({ sessionId: session.id });
  let events = 0;
  const base = Date.now() - count * 1000;
  for (let i = 0; i < count; i += 100) {
    const batch: DurableEvent[] = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      const at = base + j * 1000;
      batch.push({ type: "message.created", message: j % 2 === 0 ? userMessage(j, at) : assistantMessage(j, at) });
      if (j % 2 === 1) batch.push(turnCompleted(j));
    }
    repos.events.appendBatch(conversation.id, batch, base + i * 1000 + 999);
    events += batch.length;
  }
  db.close();
  return { conversationId: conversation.id, messages: count, toolOutputBytes: (count / 2) * BIG_OUTPUT.length * 2, events, ms: performance.now() - started };
}

function turnCompleted(j: number): DurableEvent {
  return {
    type: "turn.completed", isError: false, subtype: "success", resultText: null, errors: [], totalCostUsd: j / 10_000,
    usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheCreationTokens: 0 }, numTurns: 1, durationMs: 1200, durationApiMs: 1000, terminalReason: null, apiErrorStatus: null,
  };
}
