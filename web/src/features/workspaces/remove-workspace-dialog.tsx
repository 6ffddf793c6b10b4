import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { isEmptyWorkspace, ownedPlans, plural, type Session, type SessionId, type Workspace, type WorkspaceHoldings, type WorkspaceId, type WorkspacePlans } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { deletingFromHere } from "../../stores/removed-screens.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { keptSentence } from "./kept-holdings.ts";
import { conversationTitle, sessionTitle } from "../../lib/shown-title.ts";
import { PlansToDelete } from "./plans-to-delete.tsx";

type History = WorkspaceHoldings & { plans: WorkspacePlans; runningTerminals: number };

/**
 * Removing a workspace: by default what it owns is kept (archived, restorable) and named; one that owns nothing is
 * simply forgotten (ADR 0248). Deleting its history goes only with an explicit choice that names how many
 * conversations go with it, and a second one naming its goals and jobs, which go too (ADR 0261). `isDeletingHistory`
 * opens with the first choice already made (for a workspace that is archived already).
 */
export function RemoveWorkspaceDialog({ workspace, isDeletingHistory = false, onClose, onDone }: { workspace: Workspace; isDeletingHistory?: boolean; onClose: () => void; onDone: () => void }) {
  const [history, setHistory] = useState<History | null>(null);
  const [deleteHistory, setDeleteHistory] = useState(isDeletingHistory);
  const [deletePlans, setDeletePlans] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    workspacesApi.workspaceHistory(workspace.id as WorkspaceId).then(setHistory, (e: unknown) => setError(errorMessage(e)));
  }, [workspace.id]);
  const conversations = history ? plural(history.conversations, "conversation") : "its conversations";
  // Only what the dialog was shown: the server decides again at the removal, and keeps it if it owns something by then.
  const isEmpty = history !== null && isEmptyWorkspace(history);
  // Goals and jobs go with the history, named and confirmed on their own (ADR 0261).
  const plans = history ? ownedPlans(history) : "";
  // What deleting deletes, in words: "2 conversations", "1 goal and 2 jobs", "2 conversations, 1 goal and 2 jobs".
  const deleted = plans && history?.conversations === 0 ? plans : [conversations, plans].filter(Boolean).join(", ");
  // Its history is its conversations, goals and jobs: without any there is none to delete (no "0 conversations"; settings stay).
  const canDeleteHistory = !isEmpty && (isDeletingHistory || (history?.conversations ?? 0) > 0 || plans !== "");
  // One that owns nothing (one removed before empty ones were forgotten, too) is simply removed, whatever was chosen.
  const isDeleting = deleteHistory && !isEmpty;
  const working = useWorkingTitles(workspace.id);
  const trees = useTreeSessions(workspace.id);
  // The server refuses to delete a history while worktree sessions exist (their folders would be left unseen): said
  // only after the click, with no way to them. Named up front, each one tap away.
  const isBlockedByTrees = isDeleting && trees.length > 0;
  const confirm = async () => {
    setIsBusy(true);
    setError(null);
    // Deleted here (its history, or forgotten as empty): the removal closes this screen without telling this page, which
    // asked for it, that it "was deleted". An archived one gets no removal over the socket, so the mark is dropped.
    const deleting = deletingFromHere(`#/w/${workspace.id}`);
    try {
      if (isDeleting) {
        const confirmed = { conversations: history?.conversations ?? 0, goalIds: history?.plans.goals.map((g) => g.id) ?? [], jobIds: history?.plans.jobs.map((j) => j.id) ?? [] };
        await workspacesApi.deleteWorkspaceHistory(workspace.id as WorkspaceId, confirmed);
      } else {
        const { isForgotten } = await workspacesApi.removeWorkspace(workspace.id as WorkspaceId);
        if (!isForgotten) deleting.forget();
        if (isEmpty && !isForgotten) useUiStore.getState().showNotice(`${workspace.name} was given something of its own meanwhile, so it was kept under “Removed workspaces”.`);
      }
      // Its row (or screen) goes with the dialog's opener: the screen's heading takes the keyboard, not the page's body.
      useUiStore.getState().focusHeading();
      onDone();
    } catch (err) {
      deleting.forget();
      setError(errorMessage(err));
      // The count or the goals and jobs may have changed (the server refuses stale ones): show the current ones before
      // the next try; changed goals and jobs are confirmed again.
      workspacesApi.workspaceHistory(workspace.id as WorkspaceId).then((next) => {
        if (JSON.stringify(next.plans) !== JSON.stringify(history?.plans)) setDeletePlans(false);
        setHistory(next);
      }, () => undefined);
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <ModalSheet title={isDeletingHistory && !isEmpty ? `Delete the history of ${workspace.name}?` : `Remove ${workspace.name}?`} onClose={onClose}>
      <p className="text-sm text-stone-600 dark:text-stone-300">
        The folder <span className="break-all font-mono text-xs">{workspace.path}</span> is not touched.
      </p>
      {/* What is kept, unless all of it is being deleted. */}
      {history && (!isDeleting || isEmpty) ? <p className="text-sm text-stone-600 dark:text-stone-300">{keptSentence(history)}</p> : null}
      {working.length > 0 ? (
        <p role="alert" className="text-sm font-medium text-amber-800 dark:text-amber-300">
          Claude is working in {plural(working.length, "conversation")} here ({working.join(", ")}): removing stops {working.length === 1 ? "it" : "them"} now.
        </p>
      ) : null}
      {history && history.runningTerminals > 0 ? (
        <p role="alert" className="text-sm font-medium text-amber-800 dark:text-amber-300">
          {plural(history.runningTerminals, "terminal")} {history.runningTerminals === 1 ? "is" : "are"} running in its sessions: removing ends {history.runningTerminals === 1 ? "it" : "them"} and what runs in {history.runningTerminals === 1 ? "it" : "them"}.
        </p>
      ) : null}
      {canDeleteHistory ? (
        <label className="flex min-h-11 items-center gap-3 rounded-lg border border-stone-200 px-3 text-sm dark:border-stone-700">
          <input type="checkbox" className="size-5" checked={deleteHistory} onChange={(e) => setDeleteHistory(e.target.checked)} />
          <span>Also delete its history for good ({deleted})</span>
        </label>
      ) : null}
      {isDeleting && history && plans ? <PlansToDelete plans={history.plans} isConfirmed={deletePlans} onConfirm={setDeletePlans} /> : null}
      {isDeleting ? <p className="text-sm text-red-700 dark:text-red-400">This cannot be undone: it deletes {deletedForGood(history, conversations, plans)}.</p> : null}
      {isBlockedByTrees ? <TreesFirst trees={trees} /> : null}
      <ErrorText message={error} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>Cancel</Button>
        <Button variant={isDeleting ? "danger" : "primary"} disabled={isBusy || isBlockedByTrees || (deleteHistory && !history) || (isDeleting && plans !== "" && !deletePlans)} onClick={() => void confirm()}>
          {isDeleting ? `Delete ${deleted}` : isEmpty ? "Remove" : "Remove, keep history"}
        </Button>
      </div>
    </ModalSheet>
  );
}

/** What "This cannot be undone: it deletes …" names: what goes, with what goes along with each. */
function deletedForGood(history: History | null, conversations: string, plans: string): string {
  const withConversations = history?.conversations === 0 && plans ? null : `${conversations} and their search entries`;
  return [withConversations, plans ? `${plans} with their run history` : null].filter(Boolean).join(", and ");
}

/** The workspace's sessions with a worktree or branch of their own (archived ones too), which its history cannot outlive. */
function useTreeSessions(workspaceId: string): Session[] {
  return useConversationsStore(useShallow((s) => Object.values(s.sessions).filter((x) => x.workspaceId === workspaceId && (x.kind === "worktree" || x.kind === "branch"))));
}

function TreesFirst({ trees }: { trees: Session[] }) {
  return (
    <div role="alert" className="flex flex-col gap-1 text-sm text-amber-800 dark:text-amber-300">
      <p>Delete its {plural(trees.length, "worktree session")} first: each has a folder of its own that would be left behind. Open one to delete it:</p>
      <ul aria-label="Worktree sessions to delete first" className="flex flex-wrap gap-2">
        {trees.map((session) => (
          <li key={session.id}>
            <ScreenLink route={{ view: "session", id: session.id as SessionId }} className={buttonLook("secondary")}>{session.title ? `${sessionTitle(session)} · ${session.name}` : session.name}</ScreenLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The titles of the workspace's conversations whose Claude is at work now (removing it stops them). */
function useWorkingTitles(workspaceId: string): string[] {
  return useConversationsStore(
    useShallow((s) =>
      Object.values(s.conversations)
        .filter((c) => ["starting", "running", "waiting"].includes(c.status) && s.sessions[c.sessionId]?.workspaceId === workspaceId)
        .map((c) => conversationTitle(c) || "Untitled"),
    ),
  );
}
