import { TopBar } from "../shell/top-bar.tsx";
import { LinearConnectionCard } from "../linear/linear-connection-card.tsx";
import { GithubConnectionCard } from "./github-connection-card.tsx";

/** Connections to GitHub and Linear. */
export function IntegrationsScreen() {
  return (
    <>
      <TopBar title="Integrations" />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-2xl flex-col gap-4 p-4">
          <GithubConnectionCard />
          <LinearConnectionCard />
        </div>
      </main>
    </>
  );
}
