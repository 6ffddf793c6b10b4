import { TopBar } from "../shell/top-bar.tsx";
import { SessionTable } from "./session-table.tsx";

/** Every session across workspaces, filterable and sortable. */
export function SessionTableScreen() {
  return (
    <>
      <TopBar title="All sessions" />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto max-w-5xl p-4">
          <SessionTable />
        </div>
      </main>
    </>
  );
}
