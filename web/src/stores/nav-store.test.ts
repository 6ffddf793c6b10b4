// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Route } from "./nav-store.ts";

/** A fresh nav store, as a page loaded at `hash` with `storedTabs` kept by an earlier visit finds it. */
async function loadAt(hash: string, storedTabs: string[] = []) {
  history.replaceState(null, "", `/${hash}`);
  localStorage.setItem("chatml.tabs", JSON.stringify(storedTabs));
  vi.resetModules();
  return (await import("./nav-store.ts")).useNavStore;
}

/** Follows a link to `hash`, as the browser does (address changes, then popstate). */
function follow(hash: string) {
  history.pushState(null, "", hash);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

describe("desktop tabs", () => {
  beforeEach(() => localStorage.clear());

  it("opening `/#/` shows the pinned Home, not a second, closable Home tab", async () => {
    const nav = await loadAt("#/");
    expect(nav.getState().tabs).toEqual([]);
    expect(nav.getState().hash).toBe("");
    follow("#/s/ses_1");
    follow("#/");
    expect(nav.getState().tabs).toEqual(["#/s/ses_1"]);
    expect(nav.getState().hash).toBe("");
  });

  it("drops a `#/` tab and duplicates an older build kept, and keeps the rest in order", async () => {
    const nav = await loadAt("", ["#/", "#/s/ses_1", "#/c/cnv_1/m/msg_1", "#/c/cnv_1", "#/jobs"]);
    expect(nav.getState().tabs).toEqual(["#/s/ses_1", "#/c/cnv_1", "#/jobs"]);
  });

  it("a conversation opened at a message is its conversation's tab, and the address keeps the message", async () => {
    const nav = await loadAt("#/c/cnv_1/m/msg_9", ["#/c/cnv_1"]);
    expect(nav.getState().tabs).toEqual(["#/c/cnv_1"]);
    expect(nav.getState().hash).toBe("#/c/cnv_1/m/msg_9");
  });

  it("closing the tab on screen goes to the tab before it, whichever way the address spells it", async () => {
    const nav = await loadAt("#/s/ses_1", ["#/jobs"]);
    follow("#/c/cnv_1/m/msg_2");
    nav.getState().closeTab("#/c/cnv_1");
    expect(nav.getState().tabs).toEqual(["#/jobs", "#/s/ses_1"]);
    expect(location.hash).toBe("#/s/ses_1");
  });
});

describe("the Settings screen", () => {
  it("is a route of its own that survives a reload and opens one tab", async () => {
    const { parseRoute, routeHash } = await import("./nav-store.ts");
    expect(parseRoute("#/settings")).toEqual({ view: "settings" });
    expect(routeHash({ view: "settings" })).toBe("#/settings");
    const nav = await loadAt("#/settings", ["#/jobs"]);
    expect(nav.getState().hash).toBe("#/settings");
    expect(nav.getState().tabs).toEqual(["#/jobs", "#/settings"]);
  });
});

describe("a link whose id cannot name anything", () => {
  it("names the kind of thing that is missing; a well-formed id, or a route without one, is left to its screen", async () => {
    const { malformedTarget, parseRoute } = await import("./nav-store.ts");
    expect(malformedTarget(parseRoute("#/c/cnv_cut"))).toBe("conversation");
    expect(malformedTarget(parseRoute("#/r/nightly"))).toBe("run");
    expect(malformedTarget(parseRoute("#/s/cnv_AAAAAAAAAAAA"))).toBe("session");
    expect(malformedTarget(parseRoute("#/w/wsp_AAAA AAAA"))).toBe("workspace");
    expect(malformedTarget(parseRoute("#/g/gol_AAAAAAAAAAAA"))).toBeNull();
    expect(malformedTarget(parseRoute("#/c/cnv_AAAAAAAAAAAA/m/msg_BBBBBBBBBBBB"))).toBeNull();
    expect(malformedTarget(parseRoute("#/jobs"))).toBeNull();
    expect(malformedTarget(parseRoute(""))).toBeNull();
  });
});

describe("a link's address", () => {
  it("opens the screen it names when pasted or reloaded: every route reads back from its href, and home is never the empty href", async () => {
    const { parseRoute, routeHref } = await import("./nav-store.ts");
    const routes: Route[] = [
      { view: "home" },
      ...(["sessions", "search", "skills", "jobs", "new", "prs", "integrations", "settings"] as const).map((view) => ({ view })),
      { view: "workspace", id: "wsp_AAAAAAAAAAAA" },
      { view: "session", id: "ses_AAAAAAAAAAAA" },
      { view: "goal", id: "gol_AAAAAAAAAAAA" },
      { view: "run", id: "run_AAAAAAAAAAAA" },
      { view: "conversation", id: "cnv_AAAAAAAAAAAA", messageId: null },
      { view: "conversation", id: "cnv_AAAAAAAAAAAA", messageId: "msg_BBBBBBBBBBBB" },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
    expect(routeHref({ view: "home" })).toBe("#/");
  });
});
