import { vi } from "vitest";

/** The app's index page naming `entry` as its module script, as a build serves it. */
export const indexPage = (entry: string) => `<!doctype html><head><script type="module" crossorigin src="${entry}"></script></head>`;

/** The page runs the build whose entry is `entry`; the server's index page names `served`. Answers the stubbed fetch. */
export function runBuild(entry: string, served: string) {
  const script = document.createElement("script");
  script.type = "module";
  script.setAttribute("src", entry);
  document.head.append(script);
  const fetch = vi.fn(async () => new Response(indexPage(served), { headers: { "content-type": "text/html" } }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}
