/** The diff feature's public entry: the viewer loads as its own chunk. */
export { LazyDiffViewer } from "./lazy-diff-viewer.tsx";
export type { DiffAnnotation, DiffSelection, DiffSide, DiffViewerProps } from "./diff-viewer.tsx";
