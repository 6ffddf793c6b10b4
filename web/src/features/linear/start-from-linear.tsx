import { useState } from "react";
import type { Workspace, WorkspaceId } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { linearApi } from "./linear-api.ts";
import { LinearIssuePicker } from "./linear-issue-picker.tsx";
import { useLinearConnection } from "./use-linear-connection.ts";

/** Start a session from a Linear issue: Linear's branch name, the issue as the first prompt, the issue linked. */
export function StartFromLinear({ workspace }: { workspace: Workspace }) {
  const connection = useLinearConnection();
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = useNavStore((s) => s.go);
  if (!workspace.isGitRepo || !connection?.isConnected) return null;
  const start = (issueId: string) => {
    setError(null);
    linearApi.start(workspace.id as WorkspaceId, issueId).then(({ session }) => go({ view: "session", id: session.id }), (e: unknown) => setError(errorMessage(e)));
  };
  return (
    <details className="rounded-xl border border-stone-200 p-4 dark:border-stone-800" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-semibold">Start from Linear</summary>
      {isOpen ? (
        <div className="flex flex-col gap-2 pt-2">
          <LinearIssuePicker actionLabel="Start" onPick={(issue) => start(issue.id)} />
          <ErrorText message={error} />
        </div>
      ) : null}
    </details>
  );
}
