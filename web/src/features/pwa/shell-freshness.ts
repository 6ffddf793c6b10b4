/** The built app's entry module as an index page names it (`/assets/index-<hash>.js`); null in development. */
export function entryOf(html: string): string | null {
  return /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? null;
}

function pageEntry(): string | null {
  return document.querySelector<HTMLScriptElement>('script[type="module"][src^="/assets/"]')?.getAttribute("src") ?? null;
}

/**
 * Whether the server now serves another build of the app than this page runs. The version in `hello` cannot tell: a
 * rebuild keeps the package's version, and the service worker, registered by that version, kept answering with its
 * cached shell, so the page ran the old build (even after a reload) and said nothing. The page asks the server itself
 * (the worker answers only navigations).
 */
export async function isNewBuildServed(): Promise<boolean> {
  const mine = pageEntry();
  if (!mine) return false;
  try {
    const response = await fetch("/", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return false;
    const served = entryOf(await response.text());
    return served !== null && served !== mine;
  } catch (error) {
    console.warn("chatml: could not check for a new build", error);
    return false;
  }
}
