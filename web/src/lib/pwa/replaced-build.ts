import { entryOf } from "../../../../shared/build-id.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { pageBuild } from "../page-build.ts";

/**
 * A part of the app (a lazy chunk) did not load: when the server now serves another build, this page is an older one
 * (its shell came from the service worker's cache) whose chunks the server no longer has, and only a reload brings the
 * app back. Its socket cannot read the server's own offer (the frame schemas are such a chunk, ADR 0250), so the page
 * makes it: "Reload to update" instead of a socket that closes again and again. A network blip offers nothing (the
 * server does not answer, or serves this very build): the chunk is tried again. Answers whether the reload is offered.
 */
export async function offerReloadIfReplaced(): Promise<boolean> {
  const mine = pageBuild();
  const offer = useConnectionStore.getState().updateAvailable;
  if (offer) return offer.change === "stale";
  if (!mine) return false;
  const served = await fetch("/", { cache: "no-store", credentials: "same-origin" }).catch(() => null);
  const build = served?.ok ? entryOf(await served.text().catch(() => "")) : null;
  if (!build || build === mine) return false;
  useConnectionStore.getState().setUpdateAvailable({ serverVersion: null, change: "stale" });
  return true;
}
