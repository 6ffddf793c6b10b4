import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { cliGuidance } from "../../lib/cli-guidance.ts";
import { useCliInfo } from "./use-cli-info.ts";

/**
 * The first thing on Home: is Claude Code installed, which version, is it signed in — and if not, exactly what to do,
 * with a "Check again" that looks anew (no restart needed).
 */
export function CliCheck() {
  const { cli, claudeBin, error, isChecking, recheck } = useCliInfo();
  if (!cli) {
    return (
      <section aria-label="Claude Code check" className="flex items-center gap-2 text-sm text-stone-500">
        {isChecking ? <Spinner /> : null}
        {isChecking ? "Checking Claude Code…" : <ErrorText message={error} />}
      </section>
    );
  }
  const guidance = cliGuidance(cli, claudeBin);
  if (guidance.kind === "ready") {
    return (
      // The dot stays beside the first line when the summary wraps (a phone), not alone on a line above it.
      <section aria-label="Claude Code check" className="flex items-start gap-2 text-xs text-stone-500 dark:text-stone-400">
        <span aria-hidden="true" className="mt-1 h-2 w-2 shrink-0 rounded-full bg-emerald-500" />
        <span className="min-w-0 flex-1 break-words">
          {guidance.summary}
          {guidance.notice ? <span role="note" className="mt-1 block text-amber-800 dark:text-amber-300">{guidance.notice}</span> : null}
        </span>
      </section>
    );
  }
  return (
    <section aria-label="Claude Code check" aria-live="polite" className="flex flex-col gap-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <h2 className="font-semibold">{guidance.title}</h2>
      <ol className="list-decimal space-y-1 pl-5">
        {guidance.steps.map((step) => <li key={step} className="break-words">{step}</li>)}
      </ol>
      {guidance.detail ? <p className="break-words font-mono text-xs opacity-80">{guidance.detail}</p> : null}
      <ErrorText message={error} />
      <div className="flex flex-wrap gap-2">
        {guidance.isFixedInSettings ? <ScreenLink route={{ view: "settings" }} className={buttonLook("secondary")}>Open Settings</ScreenLink> : null}
        <Button onClick={recheck} disabled={isChecking}>
          {isChecking ? <Spinner /> : null}
          Check again
        </Button>
      </div>
    </section>
  );
}
