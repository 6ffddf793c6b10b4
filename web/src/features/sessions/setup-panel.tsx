import type { SessionSetup } from "../../../../shared/index.ts";
import { Spinner } from "../../components/spinner.tsx";

const STEP_LABELS = { fetch: "Fetch the base", worktree: "Create the worktree", copy: "Copy files", setup: "Run the setup script" } as const;
const MARK = { pending: "○", running: "", done: "✓", failed: "✗", skipped: "–" } as const;

/** Creation progress: each step with its state, and the setup script's output as it streams. */
export function SetupPanel({ setup }: { setup: SessionSetup }) {
  return (
    <section aria-label="Setup" className="rounded-xl border border-stone-200 p-4 dark:border-stone-800">
      <h2 className="pb-2 text-sm font-semibold">
        Setup {setup.status === "running" ? "in progress" : setup.status === "failed" ? "failed" : "done"}
      </h2>
      <ol className="flex flex-col gap-1 text-sm">
        {setup.steps.map((step) => (
          <li key={step.name} data-testid={`setup-step-${step.name}`} data-status={step.status} className="flex items-center gap-2">
            <span className={`w-4 text-center ${step.status === "failed" ? "text-red-600" : step.status === "done" ? "text-emerald-600" : "text-stone-400"}`}>
              {step.status === "running" ? <Spinner className="size-3" /> : MARK[step.status]}
            </span>
            <span className="font-medium">{STEP_LABELS[step.name]}</span>
            {step.detail ? <span className="min-w-0 truncate text-xs text-stone-500">{step.detail}</span> : null}
          </li>
        ))}
      </ol>
      {setup.error ? <p className="pt-2 text-sm text-red-700 dark:text-red-400">{setup.error}</p> : null}
      {setup.log ? (
        <pre data-testid="setup-log" className="mt-2 max-h-60 overflow-auto rounded-lg bg-stone-900 p-3 text-xs text-stone-100">
          {setup.log}
        </pre>
      ) : null}
    </section>
  );
}
