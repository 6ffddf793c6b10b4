import { lazy, Suspense } from "react";
import type { CodeEditorProps } from "./code-editor.tsx";

const CodeEditor = lazy(() => import("./code-editor.tsx"));

/** The code editor, loaded on first use (CodeMirror and its languages stay out of the first load). */
export function LazyCodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={<p className="p-3 text-sm text-stone-500">Loading the editor…</p>}>
      <CodeEditor {...props} />
    </Suspense>
  );
}
