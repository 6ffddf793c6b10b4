import { TopBar } from "../shell/top-bar.tsx";
import { StartPanel } from "../start/start-screen.tsx";
import { AddWorkspaceForm } from "../workspaces/add-workspace-form.tsx";
import { SessionTable } from "../sessions/session-table.tsx";
import { CliCheck } from "../setup/cli-check.tsx";
import { AttentionQueue } from "./attention-queue.tsx";

/** Home across all workspaces: the attention queue first, recent sessions, adding a repository, the quick start. */
export function HomeScreen() {
  return (
    <>
      <TopBar title="Home" />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-4 p-4">
          <CliCheck />
          <AttentionQueue />
          <section aria-label="Recent sessions" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Recent sessions</h2>
            <SessionTable limit={8} />
          </section>
          <AddWorkspaceForm />
          <section aria-label="Start in a folder" className="flex flex-col gap-3 rounded-xl border border-stone-200 p-4 dark:border-stone-800">
            <h2 className="text-sm font-semibold">Start in a folder (no worktree)</h2>
            <StartPanel />
          </section>
        </div>
      </main>
    </>
  );
}
