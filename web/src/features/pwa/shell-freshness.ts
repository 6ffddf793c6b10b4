import { entryOf } from "../../../../shared/build-id.ts";
import { pageBuild } from "../../lib/page-build.ts";

/**
 * Whether the server now serves another build of the app than this page runs. The version in `hello` cannot tell: a
 * rebuild keeps the package's version, and the service worker, registered by that version, kept answering with its
 * cached shell, so the page ran the old build (even after a reload) and said nothing. The page asks the server itself
 * (the worker answers only navigations).
 */
export async function isNewBuildServed(): Promise<boolean> {
  const mine = pageBuild();
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
