import { DiffView } from "./diff-view.tsx";
import type { DetailsProps } from "./tool-details.tsx";
import { Labelled, ToolOutput } from "./tool-output.tsx";
import { field, isDict, type Dict } from "./tool-summary.ts";
import { plural } from "../../../../../shared/index.ts";
import { DOT } from "../../../lib/dot-join.ts";

const MAX_SHOWN_CHARS = 20_000;

/** Edit / MultiEdit: the file and a real diff of each replacement. */
export function EditDetails(props: DetailsProps) {
  const input = isDict(props.part.input) ? props.part.input : {};
  const edits: Dict[] = Array.isArray(input.edits) ? input.edits.filter(isDict) : [input];
  return (
    <div className="space-y-2">
      <p className="px-1 font-mono text-xs break-all">{field(input, "file_path")}</p>
      {edits.map((edit, i) => (
        <DiffView key={i} label={`Diff ${i + 1}`} path={field(input, "file_path")} before={String(edit.old_string ?? "")} after={String(edit.new_string ?? "")} />
      ))}
      {props.part.result?.isError ? <ToolOutput {...props} /> : null}
    </div>
  );
}

/** Write: the file and its new content. */
export function WriteDetails(props: DetailsProps) {
  const input = isDict(props.part.input) ? props.part.input : {};
  const content = String(input.content ?? "");
  return (
    <div className="space-y-2">
      <p className="px-1 font-mono text-xs break-all">{field(input, "file_path")}</p>
      <Labelled label={`Content${DOT}${lineCount(content)}`}>
        <DiffView label="Written content" path={field(input, "file_path")} before="" after={content.length > MAX_SHOWN_CHARS ? `${content.slice(0, MAX_SHOWN_CHARS)}
…` : content} />
      </Labelled>
      {props.part.result?.isError ? <ToolOutput {...props} /> : null}
    </div>
  );
}

/** "1 line" for a one-line file: a final newline ends the last line, it does not start another. */
export function lineCount(content: string): string {
  const lines = content === "" ? 0 : content.replace(/\n$/, "").split("\n").length;
  return plural(lines, "line");
}
