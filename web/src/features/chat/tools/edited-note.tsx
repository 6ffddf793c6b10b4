import { field, isDict, prettyInput } from "./tool-summary.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** Says the user changed the call before allowing it, and what Claude had proposed; the block shows what ran. */
export function EditedNote({ name, editedFrom }: { name: string; editedFrom: unknown }) {
  const proposed = name === "Bash" && isDict(editedFrom) ? `$ ${field(editedFrom, "command") ?? ""}` : prettyInput(editedFrom);
  return (
    <details data-testid="edited-note" className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs dark:border-amber-900 dark:bg-amber-950/40">
      <summary className="cursor-pointer py-1 text-amber-800 dark:text-amber-300">You edited this before allowing it{DOT}show what Claude proposed</summary>
      <pre className="tool-pre mt-1 bg-stone-100 line-through decoration-stone-400 dark:bg-stone-900">{proposed}</pre>
    </details>
  );
}
