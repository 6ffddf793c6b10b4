import { RangeSetBuilder, type Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from "@codemirror/view";

/** A merge or rebase conflict's marker lines: `<<<<<<< ours`, `|||||||` base, `=======`, `>>>>>>> theirs`. */
const MARKER = /^(<{7}|\|{7}|={7}|>{7})( |$)/;
const markerLine = Decoration.line({ class: "cm-conflict-marker" });

function markersIn(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      if (MARKER.test(line.text)) builder.add(line.from, line.from, markerLine);
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

/** Marks conflict marker lines in the editor so a conflicted file's sides stand out (visible lines only). */
export const conflictMarkers: Extension = [
  ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = markersIn(view);
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.viewportChanged) this.decorations = markersIn(update.view);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  ),
  EditorView.baseTheme({ ".cm-conflict-marker": { backgroundColor: "rgba(245, 158, 11, 0.28)", fontWeight: "600" } }),
];
