import { newId, type ConversationId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Conversation, Message, Part } from "../../../shared/protocol/model.ts";
import { promptUuidOf } from "../../claude/prompt-uuid.ts";
import { forkPointOf, type ForkTarget } from "../../claude/transcript/fork-point.ts";
import { findTranscript } from "../../claude/transcript/transcript-entries.ts";
import type { Repositories } from "../../persistence/repositories.ts";

export type ForkDeps = {
  repos: Repositories;
  /** Claude Code's folder (`$CLAUDE_CONFIG_DIR` or `$HOME/.claude`) of the CLIs ChatML launches. */
  claudeDir: string;
  cwdOf(conversationId: ConversationId): string;
  /** Creates a conversation and tells every device. */
  createConversation(input: { sessionId: Conversation["sessionId"]; title: string; model: string | null; effort: Conversation["effort"]; permissionMode: Conversation["permissionMode"] }): Conversation;
  /** Commits messages (and then an info line) to a conversation's timeline, as every device sees them. */
  seedTimeline(conversationId: ConversationId, messages: Message[], notice: string): void;
};

/**
 * "Fork from here" (ADR 0024, 0031): a new conversation in the same session whose first CLI launch resumes the
 * source's CLI session cut just before the chosen prompt (`--resume <id> --fork-session --resume-session-at
 * <entry>`), so it continues with the context before that message. Its timeline starts with copies of the messages
 * before that point; the message's text is handed back for the composer.
 */
export class ConversationForks {
  constructor(private readonly deps: ForkDeps) {}

  async fork(sourceId: ConversationId, messageId: string): Promise<{ conversation: Conversation; draft: string }> {
    const source = this.deps.repos.conversations.get(sourceId);
    if (!source) throw new AppError("not_found", `Conversation ${sourceId} does not exist.`);
    const messages = this.deps.repos.messages.list(sourceId);
    const prompts = messages.filter((m) => m.role === "user" && m.parentToolUseId === null);
    const index = prompts.findIndex((m) => m.id === messageId);
    const prompt = prompts[index];
    if (!prompt) throw new AppError("not_found", "Only a message you sent in this conversation can be forked from.");
    // Prompts of the source's transcript its timeline does not show (forks made before forks copied messages).
    const hidden = this.deps.repos.mcpServers.forkOrigin(sourceId)?.promptOffset ?? 0;
    const resumeAt = hidden + index === 0 ? null : await this.resumePoint(source, this.targetOf(prompts, index, hidden));
    const conversation = this.deps.createConversation({ sessionId: source.sessionId, title: `Fork of ${source.title}`, model: source.model, effort: source.effort, permissionMode: source.permissionMode });
    this.deps.repos.mcpServers.setForkOrigin({
      conversationId: conversation.id,
      sourceConversationId: sourceId,
      sourceCliSessionId: resumeAt ? source.cliSessionId : null,
      resumeAt,
      promptOffset: resumeAt ? hidden : 0,
    });
    const earlier = resumeAt ? messages.slice(0, messages.indexOf(prompt)) : [];
    const draft = textOf(prompt);
    const before = index === 0 ? "from its start" : `with the ${index} message${index === 1 ? "" : "s"} before “${preview(draft)}”`;
    this.deps.seedTimeline(conversation.id, this.copies(conversation.id, earlier), `Forked from “${source.title}” ${before}.`);
    return { conversation, draft };
  }

  /** The flags of a forked conversation's first launch (until its own CLI session exists); none otherwise. */
  launchExtras(conversationId: ConversationId): { args: string[]; env: Record<string, string> } {
    const conversation = this.deps.repos.conversations.get(conversationId);
    if (!conversation || conversation.cliSessionId) return { args: [], env: {} };
    const origin = this.deps.repos.mcpServers.forkOrigin(conversationId);
    if (!origin?.sourceCliSessionId || !origin.resumeAt) return { args: [], env: {} };
    return { args: ["--resume", origin.sourceCliSessionId, "--fork-session", "--resume-session-at", origin.resumeAt], env: {} };
  }

  /** How the transcript knows the prompt: by the uuid it (or the message it copies) was sent with, or by counting. */
  private targetOf(prompts: Message[], index: number, hidden: number): ForkTarget {
    const uuidOf = (m: Message) => promptUuidOf(this.deps.repos.mcpServers.originalOf(m.id));
    return { uuid: uuidOf(prompts[index] as Message), before: prompts.slice(0, index).map(uuidOf), after: prompts.slice(index + 1).map(uuidOf), promptIndex: hidden + index };
  }

  /** Fresh ids for the copies (ids are global), each remembered with the message it stands for. */
  private copies(conversationId: ConversationId, messages: Message[]): Message[] {
    const copied = messages.map((message) => ({ ...message, id: newId("message"), parts: message.parts.map((part): Part => ({ ...part, id: newId("part") })) }));
    const pairs = copied.map((copy, i) => ({ copy: copy.id, original: this.deps.repos.mcpServers.originalOf((messages[i] as Message).id) }));
    this.deps.repos.mcpServers.recordCopies(conversationId, pairs);
    return copied;
  }

  /** The CLI writes its transcript lazily: a prompt just answered may take a moment to appear, so look a few times. */
  private async resumePoint(source: Conversation, target: ForkTarget): Promise<string | null> {
    const sessionId = source.cliSessionId;
    if (!sessionId) throw new AppError("conflict", "Claude Code has not saved this conversation yet, so it cannot be forked.");
    for (let attempt = 0; attempt < FIND_ATTEMPTS; attempt++) {
      const transcript = findTranscript(this.deps.claudeDir, this.deps.cwdOf(source.id), sessionId);
      const point = transcript ? forkPointOf(transcript, target) : null;
      if (point) return point.resumeAt;
      await new Promise((resolve) => setTimeout(resolve, FIND_PAUSE_MS));
    }
    throw new AppError("conflict", "This message was not found in Claude Code's saved copy of the conversation, so it cannot be forked from here.");
  }
}

const FIND_ATTEMPTS = 20;
const FIND_PAUSE_MS = 250;

function textOf(message: Message): string {
  return message.parts.flatMap((p) => (p.kind === "text" ? [p.text] : [])).join("\n");
}

function preview(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}
