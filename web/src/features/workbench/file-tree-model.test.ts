import { describe, expect, it } from "vitest";
import { buildTree, changeMarks, COMMITTED_MARK, quickOpen } from "./file-tree-model.ts";

describe("file tree model", () => {
  it("nests files under folders, folders first, and keeps ignored folders as leaves", () => {
    const tree = buildTree([
      { path: "README.md", isDir: false, isIgnored: false },
      { path: "src/app.ts", isDir: false, isIgnored: false },
      { path: "src/lib/util.ts", isDir: false, isIgnored: false },
      { path: "node_modules", isDir: true, isIgnored: true },
    ]);
    expect(tree.map((n) => n.name)).toEqual(["node_modules", "src", "README.md"]);
    expect(tree[0]).toMatchObject({ isDir: true, isIgnored: true, children: [] });
    expect(tree[1]?.children.map((n) => n.path)).toEqual(["src/lib", "src/app.ts"]);
  });

  it("quick-open ranks file-name matches first", () => {
    expect(quickOpen(["src/components/button.tsx", "docs/bundle.md", "src/b/u/t/t/o/n.ts"], "button")[0]).toBe("src/components/button.tsx");
    expect(quickOpen(["a.ts"], "zz")).toEqual([]);
  });
});

describe("changeMarks", () => {
  it("marks a file the branch changed in its commits with a dot, and an uncommitted change over it with its state", () => {
    const marks = changeMarks([{ path: "src/app.ts", status: "M" }], ["src/app.ts", "lib/parse/tokens.ts", "README.md"]);
    expect(Object.fromEntries(marks.files)).toEqual({ "src/app.ts": "M", "lib/parse/tokens.ts": COMMITTED_MARK, "README.md": COMMITTED_MARK });
    expect([...marks.folders].sort()).toEqual(["lib", "lib/parse", "src"]);
  });

  it("marks each changed file with its git state and every folder above it", () => {
    const marks = changeMarks([
      { path: "src/app/main.ts", status: "M" },
      { path: "src/new.ts", status: "??" },
      { path: "docs/guide.md", status: "AM" },
      { path: "conflict.txt", status: "UU" },
      { path: "gone.txt", status: "D" },
      { path: "both.txt", status: "MM" },
      { path: "theirs.txt", status: "AA" },
    ]);
    expect(Object.fromEntries(marks.files)).toEqual({ "src/app/main.ts": "M", "src/new.ts": "?", "docs/guide.md": "A", "conflict.txt": "U", "gone.txt": "D", "both.txt": "M", "theirs.txt": "U" });
    expect([...marks.folders].sort()).toEqual(["docs", "src", "src/app"]);
  });

  it("marks nothing without changes", () => {
    const marks = changeMarks([]);
    expect(marks.files.size + marks.folders.size).toBe(0);
  });
});
