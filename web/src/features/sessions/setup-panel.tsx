import { useState } from "react";
import type { Session, SessionId, SessionSetup } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { errorMessage } from "../../lib/http.ts";
import { workspacesApi } from "../../lib/workspaces-api.ts";
import { DeleteSessionDialog } from "./delete-session-dialog.tsx";

const STEP_LABELS = { fetch: "Fetch the base", worktree: "Create the worktree", copy: "Copy files", setup: "Run the setup script" } as const;
const MARK = { pending: "○", running: "", done: "✓", failed: "✗", skipped: "–" } as const;

/**
 * Creation progress: each step with its state, the setup script's output as it streams, stopping it and running it
 * again; a setup that failed offers to delete the session.
 */
export function SetupPanel({ session, setup }: { session: Session; setup: SessionSetup }) {
  const sessionId = session.id;
  const [error, setError] = useState<string | null>(null);
  const script = setup.steps.find((step) => step.name === "setup");
  const canRerun = setup.status === "ready" && script !== undefined && script.status !== "pending";
  const canStop = setup.status === "running" && script?.status === "running";
  const [isStopping, setIsStopping] = useState(false);
  // Each action clears the last error when it starts: a stop that answers late must not hide a re-run's refusal.
  const act = (request: () => Promise<unknown>) => {
    setError(null);
    void request().catch((e: unknown) => setError(errorMessage(e)));
  };
  const rerun = () => act(() => workspacesApi.rerunSetup(sessionId as SessionId));
  const stop = () => {
    setIsStopping(true);
    act(() => workspacesApi.stopSetup(sessionId as SessionId).finally(() => setIsStopping(false)));
  };
  return (
    <section aria-label="Setup" className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <div className="flex items-center gap-2 pb-2">
        <h2 className="min-w-0 flex-1 text-sm font-semibold">{heading(setup)}</h2>
        {canRerun ? <Button onClick={rerun}>Run setup script again</Button> : null}
        {canStop ? (
          <Button onClick={stop} disabled={isStopping}>
            {isStopping ? "Stopping…" : "Stop setup script"}
          </Button>
        ) : null}
      </div>
      <ol className="flex flex-col gap-1 text-sm">
        {setup.steps.map((step) => (
          <li key={step.name} data-testid={`setup-step-${step.name}`} data-status={step.status} className="flex items-center gap-2">
            <span className={`w-4 text-center ${step.status === "failed" ? "text-red-600" : step.status === "done" ? "text-emerald-600" : "text-stone-400"}`}>
              {step.status === "running" ? <Spinner className="size-3" /> : MARK[step.status]}
            </span>
            {/* The step keeps its line; its detail (a worktree's long path) is what gives way. */}
            <span className="shrink-0 font-medium">{STEP_LABELS[step.name]}</span>
            {step.detail ? <span className="min-w-0 truncate text-xs text-stone-500">{step.detail}</span> : null}
          </li>
        ))}
      </ol>
      {setup.error ? <p className="pt-2 text-sm text-red-700 dark:text-red-400">{setup.error}</p> : null}
      {setup.status === "failed" ? <NoWorktree session={session} /> : null}
      <ErrorText message={error} className="pt-2" />
      {setup.log ? (
        <pre data-testid="setup-log" className="mt-2 max-h-60 overflow-auto rounded-lg bg-stone-900 p-3 text-xs text-stone-100">
          {setup.log}
        </pre>
      ) : null}
    </section>
  );
}

/**
 * A setup that failed left no usable worktree, and nothing in the session can make one: deleting it (whatever the
 * crash left of the checkout goes too) and starting again is the way on, offered here rather than in a menu.
 */
function NoWorktree({ session }: { session: Session }) {
  const [isDeleting, setIsDeleting] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2 pt-2">
      <p className="min-w-0 flex-1 basis-60 text-sm text-stone-600 dark:text-stone-300">This session has no usable worktree: delete it, then start a new session.</p>
      <Button variant="danger" onClick={() => setIsDeleting(true)}>Delete session…</Button>
      {isDeleting ? <DeleteSessionDialog session={session} onClose={() => setIsDeleting(false)} /> : null}
    </div>
  );
}

/** "Done" only when every step went through; a failed script leaves a usable session that still needs a look. */
function heading(setup: SessionSetup): string {
  if (setup.status === "running") return "Setup in progress";
  if (setup.status === "failed") return "Setup failed";
  return setup.steps.some((step) => step.status === "failed") ? "Setup finished with a problem" : "Setup done";
}
