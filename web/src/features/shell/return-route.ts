import { hasIdShape } from "../../../../shared/id-shape.ts";
import { canonicalHash, malformedTarget, parseRoute, routeHash, useNavStore } from "../../stores/nav-store.ts";
import { idFromHash, useUiStore } from "../../stores/ui-store.ts";

/**
 * Where the screen a signed-out browser was sent to (`#/c/<id>`…) waits through the sign-in (ADR 0251). Local, not
 * session, storage: the sign-in link is mostly opened from a terminal or a QR code, in another tab. The server's
 * sign-in page writes it too (web/public/keep-route.js), as `{ hash, at }`.
 */
export const RETURN_ROUTE_KEY = "chatml.returnRoute";

/** How long it waits: a sign-in link works for minutes; a screen asked for long ago is not what a sign-in is for. */
export const RETURN_ROUTE_TTL_MS = 15 * 60_000;

/**
 * The app's own spelling of a screen to go back to, or null when `hash` names none: only `#/…` routes of this app,
 * with well-formed ids, rebuilt from their parts (whatever else the text held is dropped); never home.
 */
export function returnRouteOf(hash: unknown): string | null {
  if (typeof hash !== "string" || hash.length > 300 || !hash.startsWith("#/")) return null;
  const route = parseRoute(hash);
  if (route.view === "home" || malformedTarget(route) !== null) return null;
  if (route.view === "conversation" && route.messageId !== null && !hasIdShape("message", route.messageId)) return routeHash({ ...route, messageId: null });
  return routeHash(route);
}

/** Keeps the screen `hash` names (if it names one) for the app to open after the sign-in. */
export function keepReturnRoute(storage: Storage, hash: string, now: number): void {
  const route = returnRouteOf(hash);
  if (route !== null) storage.setItem(RETURN_ROUTE_KEY, JSON.stringify({ hash: route, at: now }));
}

/** The kept screen if it is recent and valid, and forgets it either way (it is for one sign-in). */
export function takeReturnRoute(storage: Storage, now: number): string | null {
  const text = storage.getItem(RETURN_ROUTE_KEY);
  if (text === null) return null;
  storage.removeItem(RETURN_ROUTE_KEY);
  try {
    const kept = JSON.parse(text) as { hash?: unknown; at?: unknown } | null;
    const at = typeof kept?.at === "number" ? kept.at : Number.NaN;
    return now - at >= 0 && now - at <= RETURN_ROUTE_TTL_MS ? returnRouteOf(kept?.hash) : null;
  } catch (error) {
    console.warn("chatml: a kept screen to return to was not readable", error);
    return null;
  }
}

/**
 * Signed in: opens the screen kept before the sign-in, in place of home (the sign-in lands on `/`). An address that
 * names a screen itself wins; the kept one is forgotten either way.
 */
export function openReturnRoute(): void {
  const hash = takeReturnRoute(localStorage, Date.now());
  if (hash === null || canonicalHash(location.hash) !== "") return;
  history.replaceState(history.state, "", hash);
  useUiStore.setState({ selectedId: idFromHash(hash) });
  useNavStore.getState().sync();
}
