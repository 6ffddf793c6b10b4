import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { Message } from "../../../shared/protocol/model.ts";
import { patchSession, type EntityDeps } from "../entity-context.ts";
import type { BusMessage } from "../event-bus.ts";
import type { OneShot } from "../one-shot-cli.ts";

/** Tells the fake API in tests (and a human reading logs) what kind of one-shot request this is. */
export const TITLE_MARKER = "[chatml:title]";
const MAX_TITLE = 80;

/**
 * Names a session from its first prompt: at once a trimmed version of the prompt, then a short title written by a
 * one-shot CLI call. Runs on the bus (a `message.created` user message in a session that has no title yet).
 */
export class TitleGenerator {
  private readonly pending = new Set<SessionId>();

  constructor(
    private readonly deps: EntityDeps,
    private readonly oneShot: OneShot,
  ) {}

  /** Subscribes to the bus; answers the unsubscribe. */
  start(): () => void {
    return this.deps.bus.subscribe((message) => this.onMessage(message));
  }

  private onMessage(message: BusMessage): void {
    if (message.kind !== "event" || message.sequenced.event.type !== "message.created") return;
    const created = message.sequenced.event.message;
    if (created.role !== "user") return;
    const text = firstText(created);
    if (text) this.generate(message.conversationId, text).catch((error: unknown) => console.warn("[sessions] title generation failed:", error));
  }

  private async generate(conversationId: ConversationId, prompt: string): Promise<void> {
    const conversation = this.deps.repos.conversations.get(conversationId);
    const session = conversation ? this.deps.repos.sessions.get(conversation.sessionId) : null;
    if (!session || session.title !== null || this.pending.has(session.id)) return;
    this.pending.add(session.id);
    try {
      patchSession(this.deps, session.id, { title: cleanTitle(prompt) }, true);
      const answer = await this.oneShot(titlePrompt(prompt), { cwd: session.cwd });
      const title = cleanTitle(answer);
      const current = this.deps.repos.sessions.get(session.id);
      if (title && current && current.title === cleanTitle(prompt)) patchSession(this.deps, session.id, { title }, true);
    } catch (error) {
      console.warn(`[sessions] no AI title for ${session.id}:`, error instanceof Error ? error.message : error);
    } finally {
      this.pending.delete(session.id);
    }
  }
}

function firstText(message: Message): string | null {
  for (const part of message.parts) if (part.kind === "text" && part.text.trim()) return part.text.trim();
  return null;
}

function titlePrompt(prompt: string): string {
  return `${TITLE_MARKER} Write a short title (at most 6 words, no quotes, no final period) for a coding session that starts with this request. Answer with the title only.\n\n<request>\n${prompt.slice(0, 4000)}\n</request>`;
}

/** One line, no quotes or trailing period, at most 80 characters. */
export function cleanTitle(text: string): string {
  const line = text.trim().split("\n")[0]?.trim().replace(/^["'#*\s]+|["'*\s.]+$/g, "") ?? "";
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1).trimEnd()}…` : line;
}
