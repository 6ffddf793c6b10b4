/** The build id of the app this page runs (its entry module, as `shared/build-id.ts` reads it); null in development. */
export function pageBuild(): string | null {
  return document.querySelector<HTMLScriptElement>('script[type="module"][src^="/assets/"]')?.getAttribute("src") ?? null;
}
