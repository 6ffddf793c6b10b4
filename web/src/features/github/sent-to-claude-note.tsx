import type { ConversationId } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";

/**
 * What a card's action sent to Claude says once it went, with the way to the conversation it went to: it said "in the
 * task conversation" and the user had to find that conversation to watch Claude answer (on a phone, two screens away).
 */
export function SentToClaudeNote({ text, conversationId }: { text: string; conversationId: ConversationId | null }) {
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-2 text-xs text-emerald-700 dark:text-emerald-400">
      <span>{text}</span>
      {conversationId ? (
        <ScreenLink route={{ view: "conversation", id: conversationId, messageId: null }} className={buttonLook("ghost")}>
          Open the task conversation
        </ScreenLink>
      ) : null}
    </div>
  );
}
