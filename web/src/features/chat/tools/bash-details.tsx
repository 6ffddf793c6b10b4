import type { DetailsProps } from "./tool-details.tsx";
import { ToolOutput } from "./tool-output.tsx";
import { field, isDict } from "./tool-summary.ts";

/** Bash: the command (and its description), the output with ANSI colours, and how it exited. */
export function BashDetails(props: DetailsProps) {
  const input = isDict(props.part.input) ? props.part.input : {};
  const result = props.part.result;
  const s = result?.structured;
  const isInterrupted = isDict(s) && s.interrupted === true;
  const exit = !result ? null : isInterrupted ? "interrupted" : result.isError ? "exit: error" : "exit 0";
  return (
    <div className="space-y-2">
      {field(input, "description") ? <p className="px-1 text-xs text-stone-600 dark:text-stone-400">{field(input, "description")}</p> : null}
      <pre className="tool-pre bg-stone-900 text-stone-100">{`$ ${field(input, "command") ?? ""}`}</pre>
      <ToolOutput {...props} isAnsi />
      {exit ? <p data-testid="bash-exit" className={`px-1 text-xs ${result?.isError ? "text-red-600" : "text-stone-500"}`}>{exit}</p> : null}
    </div>
  );
}
