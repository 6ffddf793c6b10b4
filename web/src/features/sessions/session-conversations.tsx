import { useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Conversation, ConversationId, ConversationKind, Session, SessionId, Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ConfirmDelete } from "../../components/confirm-delete.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { statusLabel, StatusDot } from "../../components/status-badge.tsx";
import { focusComposerOnArrival } from "../../lib/composer-focus.ts";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { selectSessionConversations, useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useIsConnectionLost } from "../../stores/connection-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { useRefocusAfter } from "../../lib/focus-layer.ts";
import { RenameConversationForm } from "./rename-conversation-form.tsx";
import { foldRunConversations } from "./run-conversations.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { timeOrDayAndTime } from "../../lib/when.ts";
import { conversationTitle, untimedTitle } from "../../lib/shown-title.ts";

const KINDS: { kind: ConversationKind; label: string }[] = [
  { kind: "task", label: "New task" },
  { kind: "review", label: "New review" },
  { kind: "chat", label: "New chat" },
];

/** A session's conversations (task, review, chat): open one, add one, rename or close one. */
export function SessionConversations({ session }: { session: Session }) {
  const conversations = useConversationsStore(useShallow(selectSessionConversations(session.id)));
  const workspace = useConversationsStore((s) => s.workspaces[session.workspaceId]);
  const closed = whyClosedToNewWork(session, workspace);
  const closedNoteId = `closed-note-${session.id}`;
  const go = useNavStore((s) => s.go);
  // What adding, renaming or closing a conversation was refused with (the server stopping, the session gone…).
  const [error, setError] = useState<string | null>(null);
  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((e: unknown) => setError(errorMessage(e)));
  };
  const add = (kind: ConversationKind) =>
    act(async () => {
      const { conversation } = await workspacesApi.createConversation({ sessionId: session.id as SessionId, kind });
      useConversationsStore.getState().addIfMissing({ kind: "conversation", conversation });
      focusComposerOnArrival(conversation.id);
      go({ view: "conversation", id: conversation.id, messageId: null });
    });
  return (
    <section aria-label="Conversations" className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <div className="flex flex-wrap items-center gap-2 pb-2">
        <h2 className="flex-1 text-sm font-semibold">Conversations</h2>
        {KINDS.map(({ kind, label }) => (
          <Button key={kind} onClick={() => add(kind)} disabled={closed !== null} aria-describedby={closed ? closedNoteId : undefined}>
            {label}
          </Button>
        ))}
      </div>
      {closed ? <ClosedNote id={closedNoteId} act={act} closed={closed} /> : null}
      {/* Rows lay out by the list's own width (a container), not the window's: beside the workbench a wide window still
          gives the list little room. */}
      {/* Its last conversation deleted, the card was only a title over nothing. */}
      {conversations.length === 0 && !closed ? <p className="text-sm text-stone-500">No conversations in this session. Start a task, a review or a chat above.</p> : null}
      <ul className="@container flex flex-col gap-1">
        {foldRunConversations(conversations).map((item) =>
          item.kind === "conversation" ? <ConversationRow key={item.conversation.id} conversation={item.conversation} act={act} /> : <JobRunsItem key={item.jobId} latest={item.latest} earlier={item.earlier} act={act} />,
        )}
      </ul>
      <ErrorText message={error} className="pt-2" />
    </section>
  );
}

/** Why a session takes no new conversation, and the one step that opens it again. */
type ClosedToNewWork = { reason: string; actionLabel: string; reopen: () => Promise<unknown> };

/**
 * A removed workspace's sessions and an archived session start no Claude process (ADR 0072: the server refuses their
 * messages), so their New buttons are disabled; this says why, or null when the session is open to new work.
 */
function whyClosedToNewWork(session: Session, workspace: Workspace | undefined): ClosedToNewWork | null {
  if (workspace && workspace.archivedAt !== null) {
    return {
      reason: `The workspace ${workspace.name} was removed (its history is kept), so this session takes no new conversation. Restore the workspace to add one.`,
      actionLabel: "Restore workspace",
      reopen: () => workspacesApi.restoreWorkspace(workspace.id as WorkspaceId),
    };
  }
  if (session.archivedAt !== null) {
    return {
      reason: "This session is archived, so it takes no new conversation. Unarchive it to add one.",
      actionLabel: "Unarchive",
      reopen: () => workspacesApi.unarchive(session.id as SessionId),
    };
  }
  return null;
}

/**
 * Why the New buttons are disabled, said in text beside them and named as their description (a phone has no hover
 * for a tooltip), with the way on right there.
 */
function ClosedNote({ id, closed, act }: { id: string; closed: ClosedToNewWork; act: Act }) {
  const [isBusy, setIsBusy] = useState(false);
  const reopen = () => {
    setIsBusy(true);
    act(() => closed.reopen().finally(() => setIsBusy(false)));
  };
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
      <p id={id} className="min-w-0 flex-1 basis-48">{closed.reason}</p>
      <Button onClick={reopen} disabled={isBusy}>
        {closed.actionLabel}
      </Button>
    </div>
  );
}

/** Runs a row's action, showing what it was refused with under the list. */
type Act = (action: () => Promise<unknown>) => void;

function ConversationRow({ conversation: c, act }: { conversation: Conversation; act: Act }) {
  const id = c.id as ConversationId;
  const [isRenaming, setRenaming] = useState(false);
  const isLastKnown = useIsConnectionLost();
  const shown = conversationTitle(c);
  // The rename box replaces the row: once it closes (saved, cancelled, Escape) the keyboard goes back to Rename, not
  // to the top of the page.
  const renameButton = useRef<HTMLButtonElement>(null);
  useRefocusAfter(isRenaming, renameButton);
  if (isRenaming) {
    return (
      <li>
        <RenameConversationForm conversation={c} onDone={() => setRenaming(false)} />
      </li>
    );
  }
  return (
    <li className={`flex flex-wrap items-center gap-x-2 ${c.closedAt ? "opacity-60" : ""}`}>
      {/* In a narrow list the title takes its own line and the actions go below it: beside three buttons it had one letter. */}
      <ScreenLink route={{ view: "conversation", id, messageId: null }} data-testid="conversation-row-title" className="flex min-h-11 min-w-0 flex-1 basis-full items-center gap-2 rounded-lg px-2 text-left hover:bg-stone-100 @lg:basis-0 dark:hover:bg-stone-800">
        <StatusDot status={c.status} isLastKnown={isLastKnown} />
        <span className="min-w-0 flex-1 truncate text-sm">{untimedTitle(c.title, c.jobId)}</span>
        <span className="text-xs text-stone-500">{dotJoin([c.jobId ? `run ${timeOrDayAndTime(c.createdAt)}` : c.kind, c.closedAt ? "closed" : statusLabel(c, isLastKnown)])}</span>
      </ScreenLink>
      <Button ref={renameButton} variant="ghost" onClick={() => setRenaming(true)} aria-label={`Rename ${shown}`} className="ml-auto @lg:ml-0">Rename</Button>
      {c.closedAt ? null : (
        <Button variant="ghost" onClick={() => act(() => workspacesApi.closeConversation(id))} aria-label={`Close ${shown}`}>Close</Button>
      )}
      <ConfirmDelete label="Delete" name={`Delete ${shown}`} question={deleteQuestion(shown)} onConfirm={() => deleteFromList(id)} />
    </li>
  );
}

/**
 * A job's runs in this session (one conversation each): the latest, and the earlier ones behind "N earlier runs",
 * which says how many of them wait for you so that a folded run needing an answer is not missed.
 */
function JobRunsItem({ latest, earlier, act }: { latest: Conversation; earlier: Conversation[]; act: Act }) {
  const [isOpen, setIsOpen] = useState(false);
  const waitingCount = earlier.filter((c) => c.status === "waiting").length;
  const label = `${earlier.length} earlier ${earlier.length === 1 ? "run" : "runs"}`;
  const waitingText = waitingCount ? `${waitingCount} waiting for you` : null;
  return (
    <>
      <ConversationRow conversation={latest} act={act} />
      <li>
        <button
          type="button"
          aria-expanded={isOpen}
          aria-label={`${label} of ${latest.title}${waitingText ? ` · ${waitingText}` : ""}`}
          onClick={() => setIsOpen(!isOpen)}
          className="flex min-h-11 w-full items-center gap-1 rounded-lg px-2 text-left text-xs text-stone-500 hover:bg-stone-100 dark:hover:bg-stone-800"
        >
          <span aria-hidden="true">{isOpen ? "▾" : "▸"}</span>
          <span className="min-w-0 flex-1 truncate">
            {label}
            {waitingText ? <span className="text-amber-700 dark:text-amber-400">
                {DOT}
                {waitingText}
              </span> : null}
          </span>
        </button>
        {isOpen ? (
          <ul aria-label={`Earlier runs of ${latest.title}`} className="ml-3 flex flex-col gap-1 border-l border-stone-200 pl-2 dark:border-stone-800">
            {earlier.map((c) => (
              <ConversationRow key={c.id} conversation={c} act={act} />
            ))}
          </ul>
        ) : null}
      </li>
    </>
  );
}

/** What deleting a conversation loses, asked before it happens. */
function deleteQuestion(title: string): string {
  return `Delete “${title}” and its whole history on every device? Its Claude Code process is stopped. This cannot be undone.`;
}

/** Its row goes with it, and the keyboard with the row: the screen's heading takes it instead of the page's body. */
async function deleteFromList(id: ConversationId): Promise<void> {
  await workspacesApi.deleteConversation(id);
  useUiStore.getState().focusHeading();
}
