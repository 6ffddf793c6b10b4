import { useMemo } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { DownIcon } from "../../components/icons.tsx";
import { Spinner } from "../../components/spinner.tsx";
import type { ConversationView, TimelineItem } from "../../protocol/conversation-view.ts";
import { MessageItem } from "./message-item.tsx";
import { DecidedNotes } from "./decided-notes.tsx";
import { lastUserMessageId } from "./timeline-model.ts";
import { isBusy } from "./use-conversation.ts";
import { PermissionQueue } from "./permission-queue.tsx";
import { childrenByParent, itemKey, timelineFacts, visibleItems, type RowContext } from "./timeline-model.ts";
import { NoticeRow, ProcessExitRow, TurnResultRow } from "./timeline-rows.tsx";
import { useJumpTarget } from "./use-jump-target.ts";
import { useOlderPages } from "./use-older-pages.ts";
import { pinTimeline, useTimelineScroll } from "./use-timeline-scroll.ts";
import { WorkingIndicator } from "./working-indicator.tsx";
import { BareButton } from "../../components/button.tsx";

interface TimelineProps {
  id: ConversationId;
  view: ConversationView;
  isReplayed: boolean;
  isRunning: boolean;
  loadError: string | null;
  /** The session's folder (see {@link RowContext.cwd}). */
  cwd?: string;
}

/**
 * The conversation, virtualized: only rows near the viewport are rendered and measured. Pinned to the bottom while
 * it grows; scrolling near the top loads the next older page from the server and keeps the reading position.
 */
export function Timeline({ id, view, isReplayed, isRunning, loadError, cwd }: TimelineProps) {
  const rows = useMemo(() => visibleItems(view), [view]);
  const ctx = useMemo<RowContext>(
    () => ({
      children: childrenByParent(view),
      tasks: view.tasks,
      toolElapsed: view.toolElapsed,
      approvedAt: view.approvedAt,
      awaitingApproval: new Set(view.pendingPermissions.flatMap((p) => (p.toolUseId ? [p.toolUseId] : []))),
      lastUserMessageId: lastUserMessageId(view),
      isBusy: isBusy(view.status),
      promptStates: view.promptStates,
      ...timelineFacts(view, rows),
      cwd,
    }),
    [view, rows, cwd],
  );
  const older = useOlderPages(id, view.olderCursor);
  const { scrollRef, contentRef, virtualizer, unpin, holdRows, isAwayFromEnd } = useTimelineScroll(rows, older);
  useJumpTarget(id, rows, view, older, { virtualizer, unpin });
  const isEmpty = rows.length === 0 && view.pendingPermissions.length === 0;
  const turnCount = useMemo(() => rows.filter((r) => r.kind === "turn").length, [rows]);
  return (
    <div ref={scrollRef} data-testid="timeline" data-turn-count={turnCount} role="log" aria-live="off" aria-label="Conversation" className="min-h-0 flex-1 overflow-y-auto overscroll-contain [overflow-anchor:none]">
      <div ref={contentRef} className="mx-auto max-w-3xl px-3 pb-4 md:px-6">
        <OlderHeader hasOlder={older.hasOlder} isLoading={older.isLoading} error={older.error} onLoad={() => void older.loadOlder()} />
        <ErrorText message={loadError} className="py-2" />
        {isEmpty ? <EmptyState isReplayed={isReplayed} /> : null}
        {/* The virtualizer sizes this and places the rows itself (directDomUpdates), in the same frame as a row grows. */}
        <div ref={holdRows} className="relative w-full">
          {virtualizer.getVirtualItems().map((v) => {
            const item = rows[v.index];
            if (!item) return null;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="absolute left-0 top-0 w-full pt-4">
                <TimelineRow item={item} view={view} ctx={ctx} conversationId={id} />
              </div>
            );
          })}
        </div>
        {isRunning ? <WorkingIndicator view={view} /> : null}
        <DecidedNotes decided={view.decidedPermissions} />
        <PermissionQueue conversationId={id} requests={view.pendingPermissions} tasks={view.tasks} />
      </div>
      {isAwayFromEnd ? <JumpToLatest /> : null}
    </div>
  );
}

/**
 * Takes a reader who scrolled up (or was sent to an older message) back to the newest rows and follows them again.
 * It sits on the timeline's bottom edge without taking room (sticky, zero height), so showing it moves nothing.
 */
function JumpToLatest() {
  return (
    <div className="pointer-events-none sticky bottom-0 flex h-0 justify-center">
      <button
        type="button"
        onClick={pinTimeline}
        className="pointer-events-auto inline-flex min-h-11 -translate-y-[calc(100%+0.75rem)] items-center gap-1.5 rounded-full border border-stone-300 bg-white px-4 text-sm font-medium text-stone-700 shadow-md hover:bg-stone-50 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-200 dark:hover:bg-stone-800"
      >
        <DownIcon className="size-4" />
        Jump to latest
      </button>
    </div>
  );
}

function TimelineRow({ item, view, ctx, conversationId }: { item: TimelineItem; view: ConversationView; ctx: RowContext; conversationId: ConversationId }) {
  switch (item.kind) {
    case "message": {
      const message = view.messages[item.id];
      return message ? <MessageItem message={message} ctx={ctx} conversationId={conversationId} /> : null;
    }
    case "turn":
      return <TurnResultRow turn={item.turn} isErrorShown={ctx.repeatedErrors?.has(item.seq) === true} />;
    case "exit":
      return <ProcessExitRow exit={item.exit} conversationId={conversationId} isResumed={ctx.resumedExits?.has(item.seq) === true} />;
    case "notice":
      return <NoticeRow notice={item.notice} />;
  }
}

function OlderHeader({ hasOlder, isLoading, error, onLoad }: { hasOlder: boolean; isLoading: boolean; error: string | null; onLoad: () => void }) {
  if (!hasOlder) return null;
  return (
    <div className="flex justify-center pt-3">
      <BareButton onClick={onLoad} disabled={isLoading} className="inline-flex min-h-11 items-center gap-2 rounded-lg px-3 text-xs text-stone-500 hover:bg-stone-200/60 dark:hover:bg-stone-800">
        {isLoading ? <Spinner /> : null}
        {error ? `Could not load older messages (${error}) — retry` : isLoading ? "Loading older messages…" : "Load older messages"}
      </BareButton>
    </div>
  );
}

function EmptyState({ isReplayed }: { isReplayed: boolean }) {
  if (!isReplayed) {
    return (
      <div className="flex justify-center py-10 text-stone-400">
        <Spinner label="Loading conversation" className="size-5" />
      </div>
    );
  }
  return <p className="py-10 text-center text-sm text-stone-500 dark:text-stone-400">Say what you want Claude to do in this folder.</p>;
}

export { itemKey };
