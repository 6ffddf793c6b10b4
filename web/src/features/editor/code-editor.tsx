import { EditorState, Transaction, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import CodeMirror, { ExternalChange } from "@uiw/react-codemirror";
import { useEffect, useMemo, useState } from "react";
import { languageFor } from "../../lib/code-languages.ts";
import { conflictMarkers } from "./conflict-markers.ts";

export type CodeEditorProps = { path: string; value: string; onChange: (value: string) => void; isReadOnly?: boolean; isDark?: boolean };

/**
 * Text that came in from outside the editor (the file read again after Claude or a terminal wrote it, a conflict
 * choice) is not the user's typing, so Undo does not take it back: it used to, and the auto-save then wrote the file
 * as it was before Claude's change over Claude's work (ADR 0154). The user's own edits stay undoable, mapped through it.
 */
const outsideTextIsNotUndone = EditorState.transactionExtender.of((tr) => (tr.annotation(ExternalChange) ? { annotations: Transaction.addToHistory.of(false) } : null));

const BASE: Extension[] = [EditorView.lineWrapping, conflictMarkers, outsideTextIsNotUndone];

/** CodeMirror for one file, with the file's language loaded on demand. */
export default function CodeEditor({ path, value, onChange, isReadOnly = false, isDark = false }: CodeEditorProps) {
  const [language, setLanguage] = useState<Extension | null>(null);
  useEffect(() => {
    let isCurrent = true;
    languageFor(path).then((support) => isCurrent && setLanguage(support), (error: unknown) => console.warn("chatml: language not loaded", error));
    return () => {
      isCurrent = false;
    };
  }, [path]);
  // The name goes on the editable content (role textbox), the element a screen reader lands on, not on its wrapper.
  const named = useMemo(() => EditorView.contentAttributes.of({ "aria-label": `Editor: ${path}` }), [path]);
  const extensions = useMemo(() => [...BASE, named, ...(language ? [language] : [])], [named, language]);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      readOnly={isReadOnly}
      theme={isDark ? "dark" : "light"}
      height="100%"
      className="h-full text-sm"
      extensions={extensions}
      basicSetup={{ foldGutter: true, highlightActiveLine: true }}
    />
  );
}
