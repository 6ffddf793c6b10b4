import type { z as Zod } from "zod";

/*
 * What the prebuilt bundle imports for `import { z } from "zod"` (scripts/build-server.ts swaps it in; the sources
 * import zod itself): zod, loaded from its own file, `dist/server/zod.js` (the members of `z` the code reads), the
 * first time a schema is built.
 *
 * Why: a start builds no schema (they are lazy, ADR 0036), yet reading zod's ~140 KB was ~30 ms of the start's CPU
 * before its first answer. The first schema is built by the first request that checks its input, or by the API
 * loading 250 ms after the start, whichever comes first (ADR 0183). `server/startup-imports.test.ts` starts the
 * bundle and fails if zod is loaded before the first answer.
 */
/** The file zod is built into, beside the bundle's chunks. */
export const ZOD_BUNDLE_FILE = "zod.js";
/**
 * Read at run time so that the build does not bundle it. In the bundle, `import.meta.require` resolves from the
 * chunk this code is in: `dist/server/` (unlike `import.meta.url`, which the build rewrites, ADR 0042).
 */
const zodFile = [".", ZOD_BUNDLE_FILE].join("/");

let zod: typeof Zod | null = null;

function loadZod(): typeof Zod {
  return (zod ??= import.meta.require(zodFile) as typeof Zod);
}

/** Zod's `z`, loaded on the first property read (`z.object`, `z.ZodError`, …); every later read is zod's own. */
export const z: typeof Zod = new Proxy({} as typeof Zod, {
  get: (_target, key) => Reflect.get(loadZod(), key),
  has: (_target, key) => Reflect.has(loadZod(), key),
});
