import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The bundle's entry in `dist/server/` (scripts/build-server.ts writes it; ADR 0042). */
export const BUNDLE_ENTRY = "run.js";
/** Beside it: the files (relative to the package root) it was built from. */
export const BUNDLE_INPUTS = "inputs.json";

/** What `chatml` runs: the prebuilt bundle or the TypeScript sources, and why not the bundle when it has one. */
export type Entry = { kind: "bundle" | "sources"; path: string; note: string | null };

/**
 * The bundle when there is one and it is not older than its sources; the sources otherwise. An installed package's
 * files never change, so only a checkout (a `.git` beside `bin/`) compares times, and a checkout whose bundle is older
 * than a source it was built from runs the sources (with a note) rather than the old code. `CHATML_SOURCES=1` runs the
 * sources whatever the bundle.
 */
export function chooseEntry(root: string, env: Record<string, string | undefined>): Entry {
  const sources: Entry = { kind: "sources", path: join(root, "bin", "run.ts"), note: null };
  const bundle = join(root, "dist", "server", BUNDLE_ENTRY);
  if (env.CHATML_SOURCES === "1" || !existsSync(bundle)) return sources;
  if (!existsSync(join(root, ".git"))) return { kind: "bundle", path: bundle, note: null };
  const newer = newerInput(root, statSync(bundle).mtimeMs);
  if (newer === null) return { kind: "bundle", path: bundle, note: null };
  return { ...sources, note: `dist/server is older than ${newer}, so the sources run (\`bun run build\` builds it again).` };
}

/** The first input changed (or gone) since the bundle was written, or null when none was. */
function newerInput(root: string, builtAt: number): string | null {
  let inputs: string[];
  try {
    inputs = JSON.parse(readFileSync(join(root, "dist", "server", BUNDLE_INPUTS), "utf8")) as string[];
  } catch {
    return `its list of inputs (dist/server/${BUNDLE_INPUTS} is missing or unreadable)`;
  }
  for (const input of inputs) {
    const stat = statSync(join(root, input), { throwIfNoEntry: false });
    if (!stat) return `${input} (gone)`;
    if (stat.mtimeMs > builtAt) return input;
  }
  return null;
}
