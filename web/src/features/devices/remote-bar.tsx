import { useEffect, useState } from "react";
import { Button } from "../../components/button.tsx";
import { onServerFrame } from "../../lib/socket.ts";
import { useHasSidebar } from "../../lib/use-short-viewport.ts";
import { readStored, writeStored } from "../../lib/use-stored-text.ts";
import { useIsConnectionLost, useConnectionStore, type UpdateOffer } from "../../stores/connection-store.ts";
import { presenceText } from "../../lib/last-known.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { registerServiceWorker } from "../../lib/pwa/service-worker.ts";
import { refreshOlderCachedShell } from "../../lib/pwa/shell-freshness.ts";
import { DevicesPanel } from "./devices-panel.tsx";
import { remoteApi, type NetworkFacts } from "./remote-api.ts";

/**
 * Routes presence and update offers from the socket into the connection store: the server's offer (at every hello)
 * is the one announcement of another build, newer, older or rebuilt. Registers the service worker, and brings its
 * cached shell up to this page's build when it holds an older one (which only the page can see).
 */
function useRemoteFrames(): void {
  useEffect(() => {
    void registerServiceWorker()
      .then(() => refreshOlderCachedShell())
      .catch((error: unknown) => console.warn("chatml: could not check the cached app shell", error));
    return onServerFrame((frame) => {
      const store = useConnectionStore.getState();
      if (frame.type === "presence") store.setPresence(frame.conversationId, frame.devices);
      if (frame.type === "update_available") store.setUpdateAvailable({ serverVersion: frame.serverVersion, change: frame.change });
    });
  }, []);
}

let networkFacts: Promise<NetworkFacts | null> | null = null;

/** Whether (and where) the server is reachable from the network, read once per page. */
function useNetworkFacts(): NetworkFacts | null {
  const [network, setNetwork] = useState<NetworkFacts | null>(null);
  useEffect(() => {
    networkFacts ??= remoteApi.network().then(
      (answer) => answer.network,
      (error: unknown) => {
        console.warn("chatml: could not read the network facts", error);
        networkFacts = null;
        return null;
      },
    );
    void networkFacts.then(setNetwork);
  }, []);
  return network;
}

/** Routes the socket's presence and update frames into the stores; shows the Devices panel when it is open. */
export function RemoteBar() {
  useRemoteFrames();
  const isPanelOpen = useUiStore((s) => s.isDevicesOpen);
  const setPanelOpen = useUiStore((s) => s.setDevicesOpen);
  return isPanelOpen ? <DevicesPanel onClose={() => setPanelOpen(false)} /> : null;
}

/** The banner's words: a downgrade was offered as "a newer ChatML", and a rebuild of the same version not at all. */
const OFFER_WORDS: Record<UpdateOffer["change"], (version: string | null) => string> = {
  newer: (version) => `A newer ChatML (${version}) is running on the server.`,
  older: (version) => `An older ChatML (${version}) is running on the server.`,
  rebuilt: () => "A new build of ChatML is running on the server.",
  stale: () => "ChatML was updated on the server: this page is the old one and cannot go on.",
};

/**
 * "A newer ChatML is running on the server", over the main screen. First among the banners it sits in the iPhone
 * status bar's inset (the app shell's banners take it over from the screen's header).
 */
export function UpdateBanner() {
  const updateAvailable = useConnectionStore((s) => s.updateAvailable);
  if (updateAvailable === null) return null;
  return (
    <div role="status" data-testid="update-available" className="flex items-center justify-center gap-3 bg-sky-100 px-3 py-1 text-xs text-sky-950 first:pt-[calc(env(safe-area-inset-top)+0.25rem)] dark:bg-sky-950 dark:text-sky-100">
      {OFFER_WORDS[updateAvailable.change](updateAvailable.serverVersion)}
      <Button variant="ghost" className="shrink-0 whitespace-nowrap underline mouse:min-h-8" onClick={() => void reloadFresh()}>Reload to update</Button>
    </div>
  );
}

/** Desktop: "reachable from the network", who is here on this conversation, and Devices, in one short run of text. */
export function RemoteStrip() {
  const network = useNetworkFacts();
  const setPanelOpen = useUiStore((s) => s.setDevicesOpen);
  const selectedId = useUiStore((s) => s.selectedId);
  const presence = useConnectionStore((s) => (selectedId ? s.presence[selectedId] : undefined));
  const isLastKnown = useIsConnectionLost();
  return (
    <div className="flex min-w-0 max-w-[50%] shrink items-center gap-2 px-2 text-xs text-stone-600 dark:text-stone-400">
      <NetworkNote network={network} />
      {presence && presence.length > 0 ? (
        <span data-testid="presence" data-last-known={isLastKnown || undefined} className="truncate" title={presence.map((d) => d.name).join(", ")}>
          {/* Green says "here now": while the connection is lost it is only who was here, faint. */}
          <span aria-hidden className={`mr-1 inline-block size-2 rounded-full ${isLastKnown ? "bg-stone-400 opacity-40" : "bg-emerald-500"}`} />
          {presenceText(presence, isLastKnown)}
        </span>
      ) : null}
      <Button variant="ghost" className="min-h-8 shrink-0" onClick={() => setPanelOpen(true)}>Devices</Button>
    </div>
  );
}

/** "Reachable from the network at …", on one line cut short (`truncate`) or, where there is room below, wrapped whole. */
function NetworkNote({ network, fit = "truncate" }: { network: NetworkFacts | null; fit?: "truncate" | "wrap" }) {
  if (!network?.isNetworkReachable) return null;
  const where = network.publicUrl ?? network.lanUrls[0];
  return (
    <span role="status" data-testid="network-banner" className={`${fit === "truncate" ? "truncate" : "min-w-0 [overflow-wrap:anywhere]"} rounded bg-amber-100 px-2 py-0.5 text-amber-900 dark:bg-amber-950 dark:text-amber-200`}>
      Reachable from the network{where ? ` at ${where}` : ""}
      {network.isHttps ? "" : " (plain HTTP)"}
    </span>
  );
}

/** Where a phone last acknowledged the network notice: it shows again only when the server's reach changes. */
const NETWORK_SEEN_KEY = "chatml.networkNoticeSeen";

/**
 * A phone's notice that the server is reachable from the network, over its screen until acknowledged (the desktop
 * strip shows it always; in the drawer alone a phone user never met it). Acknowledged, it stays in the drawer, and
 * comes back only when the server is reachable somewhere else or otherwise (another address, HTTPS or not).
 */
export function PhoneNetworkBanner() {
  const network = useNetworkFacts();
  // Where the desktop's tab row (and the note in it) is not shown: the drawer layout, a phone sideways too.
  const hasTabRow = useHasSidebar();
  const setPanelOpen = useUiStore((s) => s.setDevicesOpen);
  const reach = network?.isNetworkReachable ? `${network.publicUrl ?? network.lanUrls[0] ?? ""} ${network.isHttps ? "https" : "http"}` : null;
  const [seen, setSeen] = useState(() => readStored(NETWORK_SEEN_KEY));
  if (hasTabRow || reach === null || seen === reach) return null;
  const acknowledge = () => {
    writeStored(NETWORK_SEEN_KEY, reach);
    setSeen(reach);
  };
  return (
    <div className="flex items-center gap-1 bg-amber-100 pl-3 text-xs text-amber-900 first:pt-[env(safe-area-inset-top)] dark:bg-amber-950 dark:text-amber-200">
      <span className="min-w-0 flex-1 py-1">
        <NetworkNote network={network} fit="wrap" />
      </span>
      <Button variant="ghost" className="shrink-0 text-xs" onClick={() => setPanelOpen(true)}>Devices</Button>
      <Button variant="ghost" className="shrink-0 text-xs" aria-label="Got it, hide the network notice" onClick={acknowledge}>Got it</Button>
    </div>
  );
}

/** The drawer's way to Devices on a phone (the strip is hidden there), with the network note. */
export function DevicesMenuEntry() {
  const network = useNetworkFacts();
  const setPanelOpen = useUiStore((s) => s.setDevicesOpen);
  return (
    <div className="flex flex-col gap-1 border-t border-stone-200 p-2 text-xs md:hidden dark:border-stone-800">
      <NetworkNote network={network} />
      <button type="button" onClick={() => setPanelOpen(true)} className="flex min-h-11 w-full items-center rounded-lg px-3 text-left text-sm font-medium hover:bg-stone-200/60 dark:hover:bg-stone-800/60">
        Devices
      </button>
    </div>
  );
}

/**
 * One reload that really updates: the service worker answers navigations from its cached shell (and refreshes it in
 * the background), so a plain reload would show the old build once more. Dropping the caches first makes it fetch.
 */
async function reloadFresh(): Promise<void> {
  try {
    if ("caches" in window) await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
  } finally {
    location.reload();
  }
}
