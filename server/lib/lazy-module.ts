import { createRequire } from "node:module";

const requireHere = createRequire(import.meta.url);

/**
 * A module loaded on first use instead of at start-up (issue 16: start to first HTTP 200), for code that needs it
 * synchronously (a constructor). `load()` returns the same module every time; Bun's `require` loads ES modules too.
 * @example const xterm = lazyModule<typeof XtermModule>("@xterm/headless"); new (xterm.load().Terminal)(…)
 */
export function lazyModule<T>(specifier: string): { load(): T } {
  let loaded: T | null = null;
  return { load: () => (loaded ??= requireHere(specifier) as T) };
}
