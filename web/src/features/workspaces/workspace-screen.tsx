import { useEffect, useState, type FormEvent } from "react";
import type { Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useWorkspaceEditStore } from "../../stores/workspace-edit-store.ts";
import { WorkspaceBudgetForm } from "../budgets/index.ts";
import { StartFromGithub } from "../github/start-from-github.tsx";
import { StartFromLinear } from "../linear/start-from-linear.tsx";
import { SessionTable } from "../sessions/session-table.tsx";
import { MissingScreen } from "../shell/missing-screen.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { NewSessionForm } from "./new-session-form.tsx";
import { RemoveWorkspaceDialog } from "./remove-workspace-dialog.tsx";
import { WorkspaceSettings } from "./workspace-settings.tsx";
import { dateAndTime } from "../../lib/when.ts";

/** One workspace: its problem (if any), a form for a new session, its sessions, and its settings. */
export function WorkspaceScreen({ id }: { id: string }) {
  const workspace = useConversationsStore((s) => s.workspaces[id]);
  const isSettled = useConversationsStore((s) => s.isLoaded || s.loadError !== null);
  // Another screen asked for this workspace's turn budget (a run it stopped): the settings open there, once.
  const [focusTurns, setFocusTurns] = useState(() => useWorkspaceEditStore.getState().workspaceId === id);
  const [showSettings, setShowSettings] = useState(focusTurns);
  const [isRemoving, setIsRemoving] = useState(false);
  useEffect(() => {
    if (focusTurns) useWorkspaceEditStore.getState().taken();
  }, [focusTurns]);
  // A link opened while the lists still load names a workspace not known yet, not one that is gone.
  if (!workspace) return <MissingScreen title="Workspace" what="workspace" isSettled={isSettled} />;
  if (workspace.archivedAt) return <ArchivedWorkspace workspace={workspace} />;
  return (
    <>
      <TopBar title={workspace.name} subtitle={workspace.path}>
        {/* Named apart from the app's own Settings in the menu, which a screen reader lists beside it. */}
        <Button variant="ghost" onClick={() => (setShowSettings((v) => !v), setFocusTurns(false))} aria-expanded={showSettings} aria-label="Workspace settings">
          Settings
        </Button>
      </TopBar>
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          {workspace.problem ? <RelocateWorkspace workspace={workspace} /> : null}
          {showSettings ? <WorkspaceSettings workspace={workspace} /> : null}
          {showSettings ? (
            <section aria-label="Workspace budget" className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
              <WorkspaceBudgetForm workspaceId={workspace.id as WorkspaceId} focusTurns={focusTurns} />
            </section>
          ) : null}
          <NewSessionForm workspace={workspace} />
          <StartFromGithub workspace={workspace} />
          <StartFromLinear workspace={workspace} />
          <section aria-label="Sessions" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Sessions</h2>
            <SessionTable workspaceId={workspace.id} />
          </section>
          <div>
            <Button variant="danger" onClick={() => setIsRemoving(true)}>
              Remove workspace
            </Button>
          </div>
        </div>
      </main>
      {isRemoving ? <RemoveWorkspaceDialog workspace={workspace} onClose={() => setIsRemoving(false)} onDone={goHome} /> : null}
    </>
  );
}

/** The folder is gone or no longer a repository: say so, and take its new place right here. */
function RelocateWorkspace({ workspace }: { workspace: Workspace }) {
  const [path, setPath] = useState("");
  const [error, setError] = useState<string | null>(null);
  const move = (e: FormEvent) => {
    e.preventDefault();
    workspacesApi.updateWorkspace(workspace.id as WorkspaceId, { path: path.trim() }).then(() => setError(null), (err: unknown) => setError(errorMessage(err)));
  };
  return (
    <section aria-label="Workspace problem" className="flex flex-col gap-2 rounded-lg bg-red-50 p-3 dark:bg-red-950">
      <ErrorText message={workspace.problem} />
      <form onSubmit={move} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 basis-64 flex-col gap-1 text-sm">
          <span className="font-medium">Its new place</span>
          <input aria-label="New folder path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/projects/repo" autoCapitalize="off" className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm dark:border-stone-700 dark:bg-stone-900" />
        </label>
        <Button type="submit" disabled={!path.trim()}>Move workspace here</Button>
      </form>
      <ErrorText message={error} />
    </section>
  );
}

/** A removed workspace: its history is still here, to restore or (explicitly) delete. */
function ArchivedWorkspace({ workspace }: { workspace: Workspace }) {
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restore = () => void workspacesApi.restoreWorkspace(workspace.id as WorkspaceId).catch((err: unknown) => setError(errorMessage(err)));
  return (
    <>
      <TopBar title={workspace.name} subtitle={workspace.path} />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          <section aria-label="Removed workspace" className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950">
            <p className="text-sm">
              Removed on {dateAndTime(workspace.archivedAt ?? 0)}. Its history is kept; restore it to work here again.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="primary" onClick={restore}>Restore workspace</Button>
              <Button variant="danger" onClick={() => setIsDeleting(true)}>Delete history…</Button>
            </div>
            <ErrorText message={error} />
          </section>
          <section aria-label="Sessions" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Sessions</h2>
            <SessionTable workspaceId={workspace.id} />
          </section>
        </div>
      </main>
      {isDeleting ? (
        <RemoveWorkspaceDialog workspace={workspace} isDeletingHistory onClose={() => setIsDeleting(false)} onDone={goHome} />
      ) : null}
    </>
  );
}

function goHome() {
  useNavStore.getState().go({ view: "home" });
}
