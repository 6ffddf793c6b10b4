import type { ConversationId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { Composer } from "./composer.tsx";
import { StatusBar } from "./status-bar.tsx";
import { Timeline } from "./timeline.tsx";
import { isBusy, useConversation } from "./use-conversation.ts";
import { useInterrupt } from "./use-interrupt.ts";

/** One conversation: header, status, the live timeline and the composer. */
export function ChatScreen({ id }: { id: ConversationId }) {
  const { conversation, view, isReplayed, status, statusReason } = useConversation(id);
  const cwd = useConversationsStore((s) => (conversation ? s.sessions[conversation.sessionId]?.cwd : undefined));
  const canStop = isBusy(status);
  const { interrupt, isStopping, error: stopError } = useInterrupt(id, canStop);
  return (
    <>
      <TopBar title={conversation?.title || "Conversation"} subtitle={cwd ?? view.cliSession?.cwd ?? null} />
      <StatusBar status={status} reason={statusReason} view={view} />
      <Timeline id={id} view={view} isReplayed={isReplayed} />
      <Composer id={id} canStop={canStop} onStop={() => void interrupt()} isStopping={isStopping} stopError={stopError} />
    </>
  );
}
