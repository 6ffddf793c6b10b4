/**
 * Pages of a small site, as a test's pages are of ChatML: `/<name>?text=…` shows the text in its screen (`main`), after a
 * sidebar; `/never` never answers.
 * @example const site = startSite(); await page.goto(`${site.url}desk?text=hello`);
 */
export function startSite() {
  return Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/never") return new Promise<Response>(() => undefined);
      // As the app's pages: a sidebar before the screen, and a dialog (`?dialog=<its name>`) over it.
      const dialog = url.searchParams.get("dialog");
      const sheet = dialog ? `<div role="dialog" aria-label="${dialog}">a link in the dialog</div>` : "";
      return new Response(`<nav>an entry of the sidebar</nav><main><h1>${url.searchParams.get("text")}</h1></main>${sheet}`, { headers: { "content-type": "text/html" } });
    },
  });
}
