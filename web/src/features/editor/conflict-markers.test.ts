// @vitest-environment jsdom
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { conflictMarkers } from "./conflict-markers.ts";

const marked = (doc: string) => {
  const view = new EditorView({ state: EditorState.create({ doc, extensions: [conflictMarkers] }), parent: document.body });
  const lines = [...view.dom.querySelectorAll(".cm-line.cm-conflict-marker")].map((line) => line.textContent);
  view.destroy();
  return lines;
};

describe("conflict markers in the editor", () => {
  it("marks a conflict hunk's marker lines, and not a heading's underline of seven '='", () => {
    expect(marked("Title\n=======\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n")).toEqual(["<<<<<<< HEAD", "=======", ">>>>>>> main"]);
    expect(marked("Title\n=======\n\nText.\n")).toEqual([]);
  });
});
