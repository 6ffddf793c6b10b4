import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { entryOf } from "../../shared/build-id.ts";

/**
 * The build id of the app the server serves from `webRoot` (its index page's entry), read again whenever the index
 * changes on disk (a rebuild under a running server); null without a built app.
 */
export function servedBuildReader(webRoot: string): () => string | null {
  const file = join(webRoot, "index.html");
  let seen: { changedAt: number; build: string | null } | null = null;
  return () => {
    let changedAt: number;
    try {
      changedAt = statSync(file).mtimeMs;
    } catch {
      // No index page: the server runs without a built app (development, tests).
      return null;
    }
    if (seen?.changedAt !== changedAt) seen = { changedAt, build: entryOf(readFileSync(file, "utf8")) };
    return seen.build;
  };
}
