import type { ConversationId } from "../../../shared/ids.ts";
import type { Message } from "../../../shared/protocol/model.ts";
import { patchSession, publish, type EntityDeps } from "../entity-context.ts";
import type { BusMessage } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { cleanTitle, titleFromPrompt } from "./title-text.ts";

/** Tells the fake API in tests (and a human reading logs) what kind of one-shot request this is. */
export const TITLE_MARKER = "[chatml:title]";

/**
 * Titles ChatML gives new conversations (an interactive one's first prompt is mirrored from the TUI's transcript); a
 * conversation still called one of these is named from its first prompt.
 */
const PLACEHOLDER_TITLE = /^(Task|Review|New conversation|Interactive Claude( \d+)?|Conversation in .+)$/;
/** Titles are a few words: the small model does them well, fast and cheap. */
const TITLE_MODEL = "haiku";

/**
 * Names a session and its conversations from their first prompt: at once the prompt's first words (a whole phrase),
 * then, with the `aiTitles` setting on, a short title written by a one-shot CLI call (small model, minimal prompt).
 * Runs on the bus (a `message.created` user message in a session without a title, or in a conversation still carrying
 * its placeholder title). A title the user typed meanwhile is never overwritten.
 */
export class TitleGenerator {
  private readonly pending = new Set<string>();
  private isStopped = false;

  constructor(
    private readonly deps: EntityDeps,
    private readonly oneShot: OneShot,
  ) {}

  /**
   * Subscribes to the bus; answers the stop. A title the one-shot answers after the stop is dropped, as a summary is
   * (SessionLifecycle): the server closes its database next, and a one-shot can answer at any moment of that.
   */
  start(): () => void {
    const unsubscribe = this.deps.bus.subscribe((message) => this.onMessage(message));
    return () => {
      this.isStopped = true;
      unsubscribe();
    };
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
    if (!conversation || !session || this.pending.has(conversationId)) return;
    const namesSession = session.title === null && !this.pending.has(session.id);
    const namesConversation = PLACEHOLDER_TITLE.test(conversation.title);
    if (!namesSession && !namesConversation) return;
    const marks = [conversationId, ...(namesSession ? [session.id] : [])];
    for (const mark of marks) this.pending.add(mark);
    // A prompt of punctuation or test markers alone has no words to name things by: the names stay as they were
    // (an untitled session, a "Task") until the model's title, rather than becoming blank rows.
    const quick = titleFromPrompt(prompt);
    const sessionTitle = quick || null;
    const conversationTitle = quick || conversation.title;
    try {
      if (namesSession && quick) patchSession(this.deps, session.id, { title: quick }, true);
      if (namesConversation && quick) this.renameConversation(conversationId, quick);
      // Read per prompt, so a change applies to the next conversation without a restart. Off, the first words stay.
      if (!this.deps.repos.settings.get().aiTitles) return;
      const title = cleanTitle(await this.oneShot(titlePrompt(prompt), { cwd: session.cwd, model: TITLE_MODEL }));
      if (!title || this.isStopped) return;
      if (namesSession && this.deps.repos.sessions.get(session.id)?.title === sessionTitle) patchSession(this.deps, session.id, { title }, true);
      if (namesConversation && this.deps.repos.conversations.get(conversationId)?.title === conversationTitle) this.renameConversation(conversationId, title);
    } catch (error) {
      if (this.isStopped) return;
      console.warn(`[sessions] no AI title for ${conversationId}:`, error instanceof Error ? error.message : error);
    } finally {
      for (const mark of marks) this.pending.delete(mark);
    }
  }

  private renameConversation(id: ConversationId, title: string): void {
    publish(this.deps.bus, { conversation: this.deps.repos.conversations.update(id, { title }) });
  }
}

function firstText(message: Message): string | null {
  for (const part of message.parts) if (part.kind === "text" && part.text.trim()) return part.text.trim();
  return null;
}

function titlePrompt(prompt: string): string {
  return (
    `${TITLE_MARKER} Name this coding task in a complete phrase of 2 to 6 words, the way a commit subject does ` +
    `(e.g. "Fix flaky login test"). Do not end on "the", "a", "on", "to" or any word that needs more after it. ` +
    `No quotes, no final period. Answer with the title only.\n\n<request>\n${prompt.slice(0, 4000)}\n</request>`
  );
}
