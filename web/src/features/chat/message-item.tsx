import { useState } from "react";
import { Markdown } from "../../components/markdown.tsx";
import type { ConversationView, ViewMessage, ViewPart } from "../../protocol/conversation-view.ts";
import { ToolBlock } from "./tool-block.tsx";

/** One message: the user's as a bubble (plain text), the assistant's as markdown, thinking and tool blocks. */
export function MessageItem({ message, view }: { message: ViewMessage; view: ConversationView }) {
  const isSubAgent = message.parentToolUseId !== null;
  if (message.role === "user") {
    // Tool results arrive on user messages; they are shown on their tool block, so only real text is shown here.
    const texts = message.parts.filter((p) => p.kind === "text" || p.kind === "image");
    if (texts.length === 0 || isSubAgent) return null;
    return (
      <div data-testid="message-user" className="flex justify-end">
        <div className="max-w-[85%] space-y-2 rounded-2xl rounded-br-md bg-stone-200 px-3.5 py-2 dark:bg-stone-800">
          {texts.map((p) => <PartView key={p.id} part={p} view={view} isUser />)}
        </div>
      </div>
    );
  }
  return (
    <div
      data-testid="message-assistant"
      className={`space-y-2 ${isSubAgent ? "ml-3 border-l-2 border-stone-300 pl-3 dark:border-stone-700" : ""}`}
    >
      {isSubAgent ? <div className="text-[11px] font-semibold uppercase tracking-wide text-stone-500">Sub-agent</div> : null}
      {message.parts.map((p) => <PartView key={p.id} part={p} view={view} isUser={false} />)}
    </div>
  );
}

function PartView({ part, view, isUser }: { part: ViewPart; view: ConversationView; isUser: boolean }) {
  switch (part.kind) {
    case "text":
      if (isUser) return <p className="whitespace-pre-wrap break-words text-[15px]">{part.text}</p>;
      return (
        <div className={part.isStreaming ? "streaming" : undefined}>
          <Markdown text={part.text} />
        </div>
      );
    case "thinking":
      return <ThinkingBlock text={part.text} isStreaming={part.isStreaming} />;
    case "image":
      return <img src={`/api/blobs/${encodeURIComponent(part.blobId)}`} alt="Attached image" className="max-h-64 rounded-lg" />;
    case "tool":
      return <ToolBlock part={part} task={view.tasks[part.toolUseId]} elapsed={view.toolElapsed[part.toolUseId]} />;
  }
}

function ThinkingBlock({ text, isStreaming }: { text: string; isStreaming: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const preview = text.trim().split("\n").pop() ?? "";
  return (
    <div className="text-sm text-stone-500 dark:text-stone-400">
      <button
        type="button"
        aria-expanded={isOpen}
        onClick={() => setIsOpen((o) => !o)}
        className="flex min-h-11 w-full items-center gap-2 text-left italic"
      >
        <span className="shrink-0 font-medium not-italic">{isStreaming ? "Thinking…" : "Thought"}</span>
        {!isOpen ? <span className="min-w-0 flex-1 truncate">{preview}</span> : null}
      </button>
      {isOpen ? <p className="whitespace-pre-wrap border-l-2 border-stone-300 pl-3 italic dark:border-stone-700">{text}</p> : null}
    </div>
  );
}
