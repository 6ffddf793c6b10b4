import type { DetailsProps } from "./tool-details.tsx";
import { ToolOutput } from "./tool-output.tsx";
import { field, isDict } from "./tool-summary.ts";

/** Bash: the command (and its description), the output with ANSI colours, and how it exited. */
export function BashDetails(props: DetailsProps) {
  const input = isDict(props.part.input) ? props.part.input : {};
  const result = props.part.result;
  const exit = result ? bashExit(result.text, result.structured, result.isError) : null;
  return (
    <div className="space-y-2">
      {field(input, "description") ? <p className="px-1 text-xs text-stone-600 dark:text-stone-400">{field(input, "description")}</p> : null}
      <pre className="tool-pre bg-stone-900 text-stone-100">{`$ ${field(input, "command") ?? ""}`}</pre>
      <ToolOutput {...props} isAnsi />
      {exit ? <p data-testid="bash-exit" className={`px-1 text-xs ${exit.isProblem ? "text-red-600" : "text-stone-500"}`}>{exit.label}</p> : null}
    </div>
  );
}

/**
 * How a command ended, in words: "exit 0", "exit 2", "interrupted" (the user stopped it: not an error), or "did not
 * run" (denied). The CLI reports a failure's code only as the first line of its output ("Exit code 137").
 */
export function bashExit(text: string, structured: unknown, isError: boolean): { label: string; isProblem: boolean } {
  const isInterrupted = (isDict(structured) && structured.interrupted === true) || /\[Request interrupted by user/.test(text);
  if (isInterrupted) return { label: "interrupted", isProblem: false };
  if (!isError) return { label: "exit 0", isProblem: false };
  const code = /^Exit code (\d+)/.exec(text)?.[1];
  if (code) return { label: `exit ${code}`, isProblem: true };
  if (/doesn.t want to proceed|permission/i.test(text)) return { label: "did not run", isProblem: false };
  return { label: "failed", isProblem: true };
}
