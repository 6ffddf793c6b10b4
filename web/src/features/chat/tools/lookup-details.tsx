import type { DetailsProps } from "./tool-details.tsx";
import { ToolOutput } from "./tool-output.tsx";
import { field, isDict } from "./tool-summary.ts";
import { DOT } from "../../../lib/dot-join.ts";

function Facts({ facts }: { facts: Array<[string, unknown]> }) {
  const shown = facts.filter(([, v]) => v !== undefined && v !== null && v !== "");
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 px-1 text-xs">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-stone-500">{k}</dt>
          <dd className="font-mono break-all">{String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

const dict = (v: unknown) => (isDict(v) ? v : {});

/** Read: the file and the line range asked for, then what was read. */
export function ReadDetails(props: DetailsProps) {
  const input = dict(props.part.input);
  const offset = typeof input.offset === "number" ? input.offset : null;
  const limit = typeof input.limit === "number" ? input.limit : null;
  const range = offset !== null || limit !== null ? `lines ${offset ?? 1}–${limit !== null ? (offset ?? 1) + limit - 1 : "end"}` : "whole file";
  return (
    <div className="space-y-2">
      <Facts facts={[["file", field(input, "file_path")], ["range", range]]} />
      <ToolOutput {...props} label="Content" />
    </div>
  );
}

/** Glob / Grep: the pattern, where, and the matches. */
export function SearchDetails(props: DetailsProps) {
  const input = dict(props.part.input);
  const matches = props.part.result?.text.split("\n").filter(Boolean).length ?? 0;
  return (
    <div className="space-y-2">
      <Facts facts={[["pattern", field(input, "pattern")], ["path", field(input, "path")], ["glob", field(input, "glob")], ["type", field(input, "type")], ["mode", field(input, "output_mode")]]} />
      <ToolOutput {...props} label={`Matches${DOT}${matches}`} />
    </div>
  );
}

/** WebFetch / WebSearch: the URL or query (and prompt), then the answer. */
export function WebDetails(props: DetailsProps) {
  const input = dict(props.part.input);
  return (
    <div className="space-y-2">
      <Facts facts={[["url", field(input, "url")], ["query", field(input, "query")], ["prompt", field(input, "prompt")]]} />
      <ToolOutput {...props} label="Result" />
    </div>
  );
}

/** NotebookEdit: the notebook, cell and mode, and the new source. */
export function NotebookDetails(props: DetailsProps) {
  const input = dict(props.part.input);
  return (
    <div className="space-y-2">
      <Facts facts={[["notebook", field(input, "notebook_path")], ["cell", field(input, "cell_id")], ["mode", field(input, "edit_mode")], ["type", field(input, "cell_type")]]} />
      <pre className="tool-pre bg-stone-100 dark:bg-stone-900">{String(input.new_source ?? "")}</pre>
      <ToolOutput {...props} label="Result" />
    </div>
  );
}
