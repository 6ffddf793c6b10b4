import { diffLines } from "diff";
import { memo } from "react";

/** A line diff of two texts: removed lines red with "-", added lines green with "+". */
export const DiffView = memo(function DiffView({ before, after, label }: { before: string; after: string; label?: string }) {
  const changes = diffLines(before, after);
  return (
    <pre aria-label={label ?? "Diff"} className="tool-pre bg-stone-50 dark:bg-stone-900">
      {changes.map((change, i) => {
        const sign = change.added ? "+" : change.removed ? "-" : " ";
        const tone = change.added ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : change.removed ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : "text-stone-500";
        const lines = change.value.replace(/\n$/, "").split("\n");
        return (
          <span key={i} className={`block ${tone}`}>
            {lines.map((line) => `${sign} ${line}`).join("\n")}
          </span>
        );
      })}
    </pre>
  );
});
