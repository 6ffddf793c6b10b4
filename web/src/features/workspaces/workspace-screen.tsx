import { useState } from "react";
import type { WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { StartFromGithub } from "../github/start-from-github.tsx";
import { SessionTable } from "../sessions/session-table.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { NewSessionForm } from "./new-session-form.tsx";
import { WorkspaceSettings } from "./workspace-settings.tsx";

/** One workspace: its problem (if any), a form for a new session, its sessions, and its settings. */
export function WorkspaceScreen({ id }: { id: string }) {
  const workspace = useConversationsStore((s) => s.workspaces[id]);
  const [showSettings, setShowSettings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!workspace) return <Missing />;
  const remove = async () => {
    if (!confirm(`Remove ${workspace.name} from ChatML? The folder itself is not touched.`)) return;
    try {
      await workspacesApi.removeWorkspace(workspace.id as WorkspaceId);
      useNavStore.getState().go({ view: "home" });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <>
      <TopBar title={workspace.name} subtitle={workspace.path}>
        <Button variant="ghost" onClick={() => setShowSettings((v) => !v)} aria-expanded={showSettings}>
          Settings
        </Button>
      </TopBar>
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          {workspace.problem ? <ErrorText message={workspace.problem} className="rounded-lg bg-red-50 p-3 dark:bg-red-950" /> : null}
          {showSettings ? <WorkspaceSettings workspace={workspace} /> : null}
          <NewSessionForm workspace={workspace} />
          <StartFromGithub workspace={workspace} />
          <section aria-label="Sessions" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Sessions</h2>
            <SessionTable workspaceId={workspace.id} />
          </section>
          <div>
            <Button variant="danger" onClick={() => void remove()}>
              Remove workspace
            </Button>
            <ErrorText message={error} className="pt-2" />
          </div>
        </div>
      </main>
    </>
  );
}

function Missing() {
  return (
    <>
      <TopBar title="Workspace" />
      <p className="p-4 text-sm text-stone-500">This workspace does not exist (any more).</p>
    </>
  );
}
