/**
 * Pages of a small site, as a test's pages are of ChatML: `/<name>?text=…` shows the text; `/never` never answers.
 * @example const site = startSite(); await page.goto(`${site.url}desk?text=hello`);
 */
export function startSite() {
  return Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/never") return new Promise<Response>(() => undefined);
      return new Response(`<main><h1>${url.searchParams.get("text")}</h1></main>`, { headers: { "content-type": "text/html" } });
    },
  });
}
