import { memo } from "react";
import { LazyDiffViewer } from "../../diff/index.ts";

/** A diff of two texts (an Edit block, the Edit/Write permission card): the workbench's diff viewer, loaded lazily. */
export const DiffView = memo(function DiffView({ before, after, label, path }: { before: string; after: string; label?: string; path?: string | null }) {
  return <LazyDiffViewer before={before} after={after} label={label ?? "Diff"} path={path ?? undefined} />;
});
