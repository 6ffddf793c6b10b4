import { describe, expect, it } from "vitest";
import { buildTree, quickOpen } from "./file-tree-model.ts";

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
