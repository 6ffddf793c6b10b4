import { APP_VERSION } from "../socket.ts";

/**
 * Registers `/sw.js` (versioned by the app build, so a new build installs a new worker and cache). Service workers
 * need a secure context: HTTPS, or localhost / 127.0.0.1. Elsewhere (plain-http LAN) the app works without one.
 */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return null;
  try {
    return await navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(APP_VERSION)}`, { scope: "/" });
  } catch (error) {
    console.warn("chatml: the service worker did not register", error);
    return null;
  }
}

/** Turns the VAPID public key (base64url) into what PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Why this page cannot receive push notifications, or null when it can. Push needs a service worker, which browsers
 * give only a secure context: on a plain-http LAN address (`--lan`) there is none, though `Notification` and even
 * `PushManager` may exist there, and asking for permission there is refused as if the user had blocked it.
 */
export function whyNoPush(): string | null {
  if (!window.isSecureContext) {
    return "Notifications need HTTPS: browsers offer none on a plain-HTTP address like this one. Open ChatML over HTTPS (start it with --tls-cert and --tls-key, or behind a tunnel such as Tailscale Serve) to turn them on.";
  }
  if (!("serviceWorker" in navigator) || !("Notification" in window) || !("PushManager" in window)) {
    return "This browser cannot receive notifications here (on iPhone: add ChatML to the Home Screen first).";
  }
  return null;
}

/** Asks for permission and subscribes this browser to Web Push; returns the subscription's JSON for the server. */
export async function subscribeToPush(publicKey: string): Promise<PushSubscriptionJSON> {
  const reason = whyNoPush();
  if (reason) throw new Error(reason);
  const permission = await Notification.requestPermission();
  // "default": the browser's question was closed unanswered, and it asks again on the next tap.
  if (permission === "default") throw new Error("The browser's question was closed without an answer: tap Turn on notifications again and choose Allow.");
  if (permission !== "granted") throw new Error("Notifications are blocked for this site: allow them in the browser's site settings, then tap Turn on notifications again.");
  const registration = (await navigator.serviceWorker.getRegistration()) ?? (await registerServiceWorker());
  if (!registration) throw new Error("The service worker that receives notifications did not start: reload the page and try again.");
  const existing = await registration.pushManager.getSubscription();
  const subscription = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }).catch(explainRefusal));
  return subscription.toJSON();
}

/**
 * The browser's own words ("Registration failed - permission denied") name no cause a user can act on: a private
 * window (Chrome's incognito has no push at all) or a browser without a push service says the same.
 */
function explainRefusal(error: unknown): never {
  // A DOMException, which is no Error in every engine.
  const said = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  throw new Error(`The browser refused to subscribe to notifications (it said: ${said}). A private or incognito window cannot receive them; in an ordinary window, check that this site may show notifications.`);
}
