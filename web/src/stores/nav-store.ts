import { create } from "zustand";
import { hasIdShape, type IdKind } from "../../../shared/id-shape.ts";
import { useUiStore } from "./ui-store.ts";

/** A screen of the app, as kept in the address hash (`#/s/<id>`…); conversations are `#/c/<id>` (ui-store). */
export type Route =
  | { view: "home" }
  | { view: "sessions" }
  | { view: "search" }
  | { view: "skills" }
  | { view: "jobs" }
  | { view: "goal"; id: string }
  | { view: "run"; id: string }
  | { view: "new" }
  | { view: "prs" }
  | { view: "integrations" }
  | { view: "settings" }
  | { view: "workspace"; id: string }
  | { view: "session"; id: string }
  | { view: "conversation"; id: string; messageId: string | null };

/** Reads a route from an address hash; anything unknown is home. */
export function parseRoute(hash: string): Route {
  const [, kind, id, sub, subId] = hash.replace(/^#/, "").split("/");
  if (kind === "sessions") return { view: "sessions" };
  if (kind === "search") return { view: "search" };
  if (kind === "skills") return { view: "skills" };
  if (kind === "jobs") return { view: "jobs" };
  if (kind === "g" && id) return { view: "goal", id };
  if (kind === "r" && id) return { view: "run", id };
  if (kind === "new") return { view: "new" };
  if (kind === "prs") return { view: "prs" };
  if (kind === "integrations") return { view: "integrations" };
  if (kind === "settings") return { view: "settings" };
  if (kind === "w" && id) return { view: "workspace", id };
  if (kind === "s" && id) return { view: "session", id };
  if (kind === "c" && id) return { view: "conversation", id, messageId: sub === "m" && subId ? subId : null };
  return { view: "home" };
}

/** The kind of id each route that names one thing holds. */
const ROUTE_ID_KINDS = { workspace: "workspace", session: "session", goal: "goal", run: "run", conversation: "conversation" } as const satisfies Partial<Record<Route["view"], IdKind>>;

/**
 * The thing a route names when its id cannot name one (a link cut short or mistyped: `#/c/cnv_ab`): it is missing
 * without asking the server, which would answer "expected a conversation id" instead of "not found". Null for a
 * route that names nothing or names it with a well-formed id.
 */
export function malformedTarget(route: Route): (typeof ROUTE_ID_KINDS)[keyof typeof ROUTE_ID_KINDS] | null {
  if (!("id" in route) || !(route.view in ROUTE_ID_KINDS)) return null;
  const kind = ROUTE_ID_KINDS[route.view as keyof typeof ROUTE_ID_KINDS];
  return hasIdShape(kind, route.id) ? null : kind;
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.view) {
    case "home":
      return "";
    case "workspace":
      return `#/w/${route.id}`;
    case "session":
      return `#/s/${route.id}`;
    case "goal":
      return `#/g/${route.id}`;
    case "run":
      return `#/r/${route.id}`;
    case "conversation":
      return `#/c/${route.id}${route.messageId ? `/m/${route.messageId}` : ""}`;
    default:
      return `#/${route.view}`;
  }
}

/**
 * A route's address as a link's `href`: its hash, and `#/` for home (an empty `href` names the page the link sits on,
 * hash and all, so "Open in new tab" on Home would open the screen already shown).
 */
export function routeHref(route: Route): string {
  return routeHash(route) || "#/";
}

const TABS_KEY = "chatml.tabs";

interface NavState {
  /** The address hash in its usual spelling ({@link canonicalHash}: home is `""`, however the address writes it). */
  hash: string;
  /** Desktop tabs (route hashes), kept across reloads in localStorage; home is always there. */
  tabs: string[];
  go: (route: Route) => void;
  closeTab: (hash: string) => void;
  /** Closes the tabs of things that no longer exist (deleted on this or another device). */
  closeTabs: (hashes: string[]) => void;
  moveTab: (from: number, to: number) => void;
  /** Re-reads the hash (after back/forward or a change made by another store). */
  sync: () => void;
}

function loadTabs(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(TABS_KEY) ?? "[]");
    const hashes = Array.isArray(stored) ? stored.filter((t): t is string => typeof t === "string") : [];
    // Tabs kept by an older build may be spelled differently (`#/` for home): each is kept once, in its usual spelling.
    return hashes.reduce<string[]>((tabs, hash) => withTab(tabs, hash), []);
  } catch (error) {
    console.warn("chatml: stored tabs ignored", error);
    return [];
  }
}

/**
 * The usual spelling of an address hash, so that one screen is one tab: `#/`, `#` and unknown hashes are home (`""`),
 * and a conversation opened at a message is the conversation's hash with the message kept.
 */
export function canonicalHash(hash: string): string {
  return routeHash(parseRoute(hash));
}

/** The tab a hash belongs to: its screen, without the message a conversation was opened at; `""` is home. */
export function tabKey(hash: string): string {
  const route = parseRoute(hash);
  return routeHash(route.view === "conversation" ? { ...route, messageId: null } : route);
}

function withTab(tabs: string[], hash: string): string[] {
  const key = tabKey(hash);
  return key === "" || tabs.includes(key) ? tabs : [...tabs, key].slice(-20);
}

function saveTabs(tabs: string[]): void {
  localStorage.setItem(TABS_KEY, JSON.stringify(tabs));
}

const initialHash = typeof location === "undefined" ? "" : canonicalHash(location.hash);

/** Which screen this tab shows, and the desktop tab strip. Navigation writes the hash so reload and back work. */
export const useNavStore = create<NavState>()((set, get) => ({
  hash: initialHash,
  tabs: typeof localStorage === "undefined" ? [] : withTab(loadTabs(), initialHash),
  go: (route) => {
    const hash = routeHash(route);
    if (location.hash !== hash) history.pushState(null, "", hash || location.pathname);
    useUiStore.setState({ selectedId: route.view === "conversation" ? (route.id as never) : null, isDrawerOpen: false });
    get().sync();
  },
  closeTab: (hash) => {
    const tabs = get().tabs.filter((t) => t !== hash);
    saveTabs(tabs);
    set({ tabs });
    if (tabKey(get().hash) === hash) get().go(parseRoute(tabs.at(-1) ?? ""));
  },
  closeTabs: (hashes) => {
    for (const hash of hashes) if (get().tabs.includes(hash)) get().closeTab(hash);
  },
  moveTab: (from, to) => {
    const tabs = [...get().tabs];
    const [moved] = tabs.splice(from, 1);
    if (moved === undefined) return;
    tabs.splice(Math.max(0, Math.min(to, tabs.length)), 0, moved);
    saveTabs(tabs);
    set({ tabs });
  },
  sync: () => {
    const hash = canonicalHash(location.hash);
    const tabs = withTab(get().tabs, hash);
    if (tabs !== get().tabs) saveTabs(tabs);
    set({ hash, tabs });
  },
}));

if (typeof window !== "undefined") {
  window.addEventListener("popstate", () => useNavStore.getState().sync());
  // ui-store's select() writes `#/c/<id>` (or clears the hash) itself.
  useUiStore.subscribe(() => useNavStore.getState().sync());
}
