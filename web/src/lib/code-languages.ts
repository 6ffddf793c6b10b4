import type { LanguageSupport } from "@codemirror/language";
import { languages } from "@codemirror/language-data";

const loaded = new Map<string, Promise<LanguageSupport | null>>();

/**
 * CodeMirror language support for a file name, loaded on demand (each language is its own chunk); null when none
 * matches. Only the lazy editor and diff chunks import this module.
 */
export function languageFor(path: string): Promise<LanguageSupport | null> {
  const description = matchFilename(path);
  if (!description) return Promise.resolve(null);
  let pending = loaded.get(description.name);
  if (!pending) {
    pending = description.load().catch((error: unknown) => {
      console.warn(`chatml: language ${description.name} failed to load`, error);
      return null;
    });
    loaded.set(description.name, pending);
  }
  return pending;
}

function matchFilename(path: string) {
  const name = path.split("/").pop() ?? path;
  return languages.find((l) => l.filename?.test(name)) ?? languages.find((l) => l.extensions.some((ext) => name.toLowerCase().endsWith(`.${ext}`))) ?? null;
}
