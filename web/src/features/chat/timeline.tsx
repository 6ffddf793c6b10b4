import type { ConversationId } from "../../../../shared/index.ts";
import { Spinner } from "../../components/spinner.tsx";
import type { ConversationView, TimelineItem } from "../../protocol/conversation-view.ts";
import { MessageItem } from "./message-item.tsx";
import { PermissionCard } from "./permission-card.tsx";
import { NoticeRow, ProcessExitRow, TurnResultRow } from "./timeline-rows.tsx";
import { useStickToBottom } from "./use-stick-to-bottom.ts";

interface TimelineProps {
  id: ConversationId;
  view: ConversationView;
  isReplayed: boolean;
}

/** Messages, tool calls, turn results and exits in order, then any pending permission cards. */
export function Timeline({ id, view, isReplayed }: TimelineProps) {
  const { scrollRef, contentRef } = useStickToBottom<HTMLDivElement, HTMLDivElement>();
  const isEmpty = view.items.length === 0 && view.pendingPermissions.length === 0;
  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
      <div ref={contentRef} aria-live="off" className="mx-auto flex max-w-3xl flex-col gap-4 px-3 py-4 md:px-6">
        {isEmpty ? <EmptyState isReplayed={isReplayed} /> : null}
        {view.items.map((item) => (
          <TimelineRow key={itemKey(item)} item={item} view={view} />
        ))}
        {view.pendingPermissions.map((request) => (
          <PermissionCard key={request.id} conversationId={id} request={request} />
        ))}
      </div>
    </div>
  );
}

function TimelineRow({ item, view }: { item: TimelineItem; view: ConversationView }) {
  switch (item.kind) {
    case "message": {
      const message = view.messages[item.id];
      return message ? <MessageItem message={message} view={view} /> : null;
    }
    case "turn":
      return <TurnResultRow turn={item.turn} />;
    case "exit":
      return <ProcessExitRow exit={item.exit} />;
    case "notice":
      return <NoticeRow notice={item.notice} />;
  }
}

function itemKey(item: TimelineItem): string {
  return item.kind === "message" ? item.id : `${item.kind}-${item.seq}`;
}

function EmptyState({ isReplayed }: { isReplayed: boolean }) {
  if (!isReplayed) {
    return (
      <div className="flex justify-center py-10 text-stone-400">
        <Spinner label="Loading conversation" className="size-5" />
      </div>
    );
  }
  return (
    <p className="py-10 text-center text-sm text-stone-500 dark:text-stone-400">
      Say what you want Claude to do in this folder.
    </p>
  );
}
