import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUNDLE_ENTRY, BUNDLE_INPUTS, chooseEntry } from "./bundle.ts";

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A package root with sources, optionally a `.git` and a bundle built (its files dated) at `builtAt` seconds. */
function packageRoot(options: { checkout: boolean; builtAt?: number; inputs?: string[] }): string {
  const root = mkdtempSync(join(tmpdir(), "chatml-bundle-"));
  roots.push(root);
  mkdirSync(join(root, "bin"));
  mkdirSync(join(root, "server"));
  const sources: [string, string][] = [
    ["bin/run.ts", `export function run() { console.log("sources ran"); }\n`],
    ["server/main.ts", "export {};\n"],
  ];
  for (const [file, text] of sources) {
    writeFileSync(join(root, file), text);
    utimesSync(join(root, file), 1000, 1000);
  }
  if (options.checkout) mkdirSync(join(root, ".git"));
  if (options.builtAt !== undefined) {
    mkdirSync(join(root, "dist", "server"), { recursive: true });
    writeFileSync(join(root, "dist", "server", BUNDLE_ENTRY), `export function run() { console.log("bundle ran"); }\n`);
    utimesSync(join(root, "dist", "server", BUNDLE_ENTRY), options.builtAt, options.builtAt);
    if (options.inputs) writeFileSync(join(root, "dist", "server", BUNDLE_INPUTS), JSON.stringify(options.inputs));
  }
  return root;
}

const INPUTS = ["bin/run.ts", "server/main.ts"];

describe("which code chatml runs", () => {
  it("runs the sources when there is no bundle", () => {
    expect(chooseEntry(packageRoot({ checkout: true }), {})).toMatchObject({ kind: "sources", note: null });
  });

  it("runs the bundle of a checkout built after its last change", () => {
    const root = packageRoot({ checkout: true, builtAt: 2000, inputs: INPUTS });
    expect(chooseEntry(root, {})).toEqual({ kind: "bundle", path: join(root, "dist", "server", BUNDLE_ENTRY), note: null });
  });

  it("runs the sources of a checkout changed after the build, and says which file is newer", () => {
    const root = packageRoot({ checkout: true, builtAt: 2000, inputs: INPUTS });
    utimesSync(join(root, "server", "main.ts"), 3000, 3000);
    const entry = chooseEntry(root, {});
    expect(entry).toMatchObject({ kind: "sources", path: join(root, "bin", "run.ts") });
    expect(entry.note).toContain("dist/server is older than server/main.ts");
    expect(entry.note).toContain("bun run build");
  });

  it("runs the sources when a file the bundle was built from is gone, or its list of inputs is", () => {
    const gone = packageRoot({ checkout: true, builtAt: 2000, inputs: [...INPUTS, "server/removed.ts"] });
    expect(chooseEntry(gone, {}).note).toContain("server/removed.ts (gone)");
    const unlisted = packageRoot({ checkout: true, builtAt: 2000 });
    expect(chooseEntry(unlisted, {})).toMatchObject({ kind: "sources" });
    expect(chooseEntry(unlisted, {}).note).toContain(BUNDLE_INPUTS);
  });

  it("runs an installed package's bundle without comparing times (no .git)", () => {
    const root = packageRoot({ checkout: false, builtAt: 500 });
    expect(chooseEntry(root, {})).toMatchObject({ kind: "bundle", note: null });
  });

  it("runs the sources when CHATML_SOURCES=1", () => {
    const root = packageRoot({ checkout: true, builtAt: 2000, inputs: INPUTS });
    expect(chooseEntry(root, { CHATML_SOURCES: "1" })).toMatchObject({ kind: "sources", note: null });
  });

  it("bin/chatml.ts starts what it chose, and prints the note when the bundle is stale", async () => {
    const root = packageRoot({ checkout: true, builtAt: 2000, inputs: INPUTS });
    for (const file of ["chatml.ts", "bundle.ts"]) copyFileSync(join(import.meta.dirname, file), join(root, "bin", file));
    const start = () => {
      const result = Bun.spawnSync([process.execPath, join(root, "bin", "chatml.ts")], { stdout: "pipe", stderr: "pipe" });
      return { stdout: result.stdout.toString(), stderr: result.stderr.toString() };
    };
    // Copying bin/chatml.ts and bin/bundle.ts dated them now; they are not inputs of this bundle.
    expect(start()).toEqual({ stdout: "bundle ran\n", stderr: "" });
    utimesSync(join(root, "bin", "run.ts"), 3000, 3000);
    const stale = start();
    expect(stale.stdout).toBe("sources ran\n");
    expect(stale.stderr).toContain("chatml: dist/server is older than bin/run.ts");
  });
});
