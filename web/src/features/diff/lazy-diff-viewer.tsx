import { lazy, Suspense } from "react";
import type { DiffViewerProps } from "./diff-viewer.tsx";

const DiffViewer = lazy(() => import("./diff-viewer.tsx"));

/** The diff viewer, loaded on first use (its code, the diff algorithm and highlighting stay out of the first load). */
export function LazyDiffViewer(props: DiffViewerProps) {
  return (
    <Suspense fallback={<p className="p-2 text-xs text-stone-500">Loading the diff…</p>}>
      <DiffViewer {...props} />
    </Suspense>
  );
}
