import { RangeSetBuilder, type Extension, type Text } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";
import { conflictHunks, markerLines } from "../../../../shared/conflict-hunks.ts";

const markerLine = Decoration.line({ class: "cm-conflict-marker" });

/**
 * The marker lines of whole conflict hunks only: a lone `=======` (a heading's underline) is no marker. Found in the
 * whole document (a hunk can start above the visible lines), only when it changes; decorated where visible.
 */
function markersIn(view: EditorView, lines: readonly number[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const doc: Text = view.state.doc;
  for (const { from, to } of view.visibleRanges) {
    const [first, last] = [doc.lineAt(from).number, doc.lineAt(to).number];
    for (const number of lines) if (number >= first && number <= last) builder.add(doc.line(number).from, doc.line(number).from, markerLine);
  }
  return builder.finish();
}

/** Marks conflict marker lines in the editor so a conflicted file's sides stand out. */
export const conflictMarkers: Extension = [
  ViewPlugin.fromClass(
    class {
      lines: number[];
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.lines = markerLines(conflictHunks(view.state.doc.iterLines()));
        this.decorations = markersIn(view, this.lines);
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.lines = markerLines(conflictHunks(update.state.doc.iterLines()));
        if (update.docChanged || update.viewportChanged) this.decorations = markersIn(update.view, this.lines);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  ),
  EditorView.baseTheme({ ".cm-conflict-marker": { backgroundColor: "rgba(245, 158, 11, 0.28)", fontWeight: "600" } }),
];
