import { memo, useState } from "react";
import type { ConversationId, MessageId } from "../../../../shared/index.ts";
import { Markdown } from "../../components/markdown.tsx";
import type { PromptState, ViewMessage, ViewPart } from "../../protocol/conversation-view.ts";
import { MessageActions } from "./message-actions.tsx";
import type { RowContext } from "./timeline-model.ts";
import { nestedSteps } from "./tools/agent-report.tsx";
import { ToolBlock } from "./tools/tool-block.tsx";
import { UserText } from "./user-text.tsx";

interface MessageItemProps {
  message: ViewMessage;
  ctx: RowContext;
  conversationId: ConversationId;
}

/** One message: the user's as a bubble (plain text), the assistant's as markdown, thinking and tool blocks in order. */
export const MessageItem = memo(function MessageItem({ message, ctx, conversationId }: MessageItemProps) {
  const isSubAgent = message.parentToolUseId !== null;
  if (message.role === "user") {
    // Tool results arrive on user messages; they are shown on their tool block, so only real text is shown here.
    const texts = message.parts.filter((p) => p.kind === "text" || p.kind === "image");
    if (texts.length === 0 || isSubAgent) return null;
    return (
      <div data-testid="message-user" data-message-id={message.id} className="flex flex-col items-end gap-0.5">
        <div className="max-w-[85%] space-y-2 rounded-2xl rounded-br-md bg-stone-200 px-3.5 py-2 dark:bg-stone-800">
          {texts.map((p) => <PartView key={p.id} part={p} message={message} ctx={ctx} conversationId={conversationId} />)}
        </div>
        <PromptStateNote states={ctx.promptStates} messageId={message.id} hasFailed={ctx.failedPrompts?.has(message.id) === true} />
        <MessageActions message={message} conversationId={conversationId} isLastUserMessage={ctx.lastUserMessageId === message.id} isBusy={ctx.isBusy === true} />
      </div>
    );
  }
  return (
    <div data-testid={isSubAgent ? "message-subagent" : "message-assistant"} data-message-id={message.id} className="space-y-2">
      {message.parts.map((p) => <PartView key={p.id} part={p} message={message} ctx={ctx} conversationId={conversationId} />)}
      {!isSubAgent && !message.parts.some((p) => p.isStreaming) ? <MessageActions message={message} conversationId={conversationId} isLastUserMessage={false} isBusy={false} /> : null}
    </div>
  );
});

function PartView({ part, message, ctx, conversationId }: { part: ViewPart; message: ViewMessage; ctx: RowContext; conversationId: ConversationId }) {
  switch (part.kind) {
    case "text":
      if (message.role === "user") return <UserText text={part.text} messageId={message.id} />;
      if (isClaudeCodeOutput(message)) return <pre data-testid="claude-code-output" className="whitespace-pre-wrap break-words font-mono text-sm">{part.text}</pre>;
      return (
        <div className={part.isStreaming ? "streaming" : undefined}>
          <Markdown text={part.text} isStreaming={part.isStreaming} textLog={part.textLog} />
          {!part.isStreaming && part.streamState ? <InterruptedNote /> : null}
        </div>
      );
    case "thinking":
      return <ThinkingBlock text={part.text} isStreaming={part.isStreaming} />;
    case "image":
      return <img src={`/api/blobs/${encodeURIComponent(part.blobId)}`} alt="Attached image" loading="lazy" className="max-h-64 rounded-lg" />;
    case "tool":
      return (
        <ToolBlock part={part} ctx={ctx} conversationId={conversationId} messageId={message.id}>
          {nestedSteps(ctx.children.get(part.toolUseId) ?? [], part).map((child) => (
            <MessageItem key={child.id} message={child} ctx={ctx} conversationId={conversationId} />
          ))}
        </ToolBlock>
      );
  }
}

/**
 * Text Claude Code wrote itself, not the model: a local command's output (/cost, /context: aligned columns) or an error
 * it reports. It comes as an assistant message without a model (`<synthetic>`), and read as markdown its lines ran
 * together; a placeholder has no model only until its message arrives.
 */
function isClaudeCodeOutput(message: ViewMessage): boolean {
  return message.role === "assistant" && message.model === null && !message.isPlaceholder;
}

function ThinkingBlock({ text, isStreaming }: { text: string; isStreaming: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const preview = text.trim().split("\n").pop() ?? "";
  return (
    <div className="text-sm text-stone-500 dark:text-stone-400">
      <button type="button" aria-expanded={isOpen} onClick={() => setIsOpen((o) => !o)} className="flex min-h-11 w-full items-center gap-2 text-left italic">
        <span className="shrink-0 font-medium not-italic">{isStreaming ? "Thinking…" : "Thought"}</span>
        {!isOpen ? <span className="min-w-0 flex-1 truncate">{preview}</span> : null}
      </button>
      {isOpen ? <p className="whitespace-pre-wrap border-l-2 border-stone-300 pl-3 italic dark:border-stone-700">{text}</p> : null}
    </div>
  );
}

/** Under a reply that was cut off: its process ended (or ChatML stopped) before the text was complete. */
function InterruptedNote() {
  return (
    <p data-testid="part-interrupted" className="mt-1 text-xs text-amber-700 dark:text-amber-400">
      Interrupted: the reply stopped here when its process ended.
    </p>
  );
}

/**
 * What to say under a sent prompt about where it is in Claude Code's own queue (ADR 0038), or null. Said only when it
 * is news: waiting behind another prompt's running reply, or cancelled; started and completed show as the reply
 * itself. Claude Code says "queued" for every prompt before it starts it, also when nothing runs ahead of it (a CLI
 * still starting or resuming): that is not a queue, and "runs when the current reply ends" would name a reply that
 * does not exist. A prompt whose turn ended in an error (`hasFailed`) is also "cancelled" to Claude Code, but nobody
 * interrupted it: the error row under it says what happened.
 */
export function promptStateText(states: Partial<Record<MessageId, PromptState>> | undefined, messageId: MessageId, hasFailed = false): string | null {
  const state = states?.[messageId];
  if (!state || state.state === "started" || state.state === "completed") return null;
  if (state.state === "cancelled" && hasFailed) return null;
  if (state.state === "cancelled") return state.hasStarted ? "Cancelled: interrupted before Claude finished" : "Cancelled before Claude started on it";
  const isBehindAReply = Object.entries(states).some(([id, other]) => id !== messageId && other?.state === "started");
  return isBehindAReply ? "Queued in Claude Code: runs when the current reply ends" : null;
}

function PromptStateNote({ states, messageId, hasFailed }: { states: Partial<Record<MessageId, PromptState>> | undefined; messageId: MessageId; hasFailed: boolean }) {
  const text = promptStateText(states, messageId, hasFailed);
  if (text === null) return null;
  return (
    <p data-testid="prompt-state" data-state={states?.[messageId]?.state} className="px-1 text-xs text-stone-500 dark:text-stone-400">
      {text}
    </p>
  );
}
