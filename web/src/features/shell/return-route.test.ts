// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { keepReturnRoute, openReturnRoute, RETURN_ROUTE_KEY, RETURN_ROUTE_TTL_MS, returnRouteOf, takeReturnRoute } from "./return-route.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";

const CONVERSATION = "cnv_AbCdEf123456";
const MESSAGE = "msg_AbCdEf123456";
const NOW = 1_000_000_000;

describe("returnRouteOf: what may be carried through a sign-in", () => {
  it.each([
    [`#/c/${CONVERSATION}`, `#/c/${CONVERSATION}`],
    [`#/c/${CONVERSATION}/m/${MESSAGE}`, `#/c/${CONVERSATION}/m/${MESSAGE}`],
    ["#/s/ses_AbCdEf123456", "#/s/ses_AbCdEf123456"],
    ["#/r/run_AbCdEf123456", "#/r/run_AbCdEf123456"],
    ["#/settings", "#/settings"],
    // Anything after the route's parts is dropped: what is restored is rebuilt from them.
    ["#/settings/../../evil", "#/settings"],
    [`#/c/${CONVERSATION}/m/<script>`, `#/c/${CONVERSATION}`],
  ])("keeps the app's own route %s as %s", (hash, kept) => {
    expect(returnRouteOf(hash)).toBe(kept);
  });

  it.each([
    ["home", "#/"],
    ["no hash", ""],
    ["an address that is not a route", "#top"],
    ["another site", "https://evil.example/#/c/x"],
    ["a protocol-relative address", "//evil.example/#/settings"],
    ["a script URL", "javascript:alert(1)//#/settings"],
    ["a path", "/sign-in?next=//evil.example"],
    ["an id cut short", "#/c/cnv_ab"],
    ["an id of another kind", "#/c/ses_AbCdEf123456"],
    ["an unknown screen", "#/admin"],
    ["a very long text", `#/settings${"x".repeat(400)}`],
    ["not text", { hash: "#/settings" }],
  ])("refuses %s", (_what, hash) => {
    expect(returnRouteOf(hash)).toBeNull();
  });
});

describe("the kept route", () => {
  beforeEach(() => localStorage.clear());

  it("is given back once, while recent", () => {
    keepReturnRoute(localStorage, `#/c/${CONVERSATION}`, NOW);
    expect(takeReturnRoute(localStorage, NOW + RETURN_ROUTE_TTL_MS)).toBe(`#/c/${CONVERSATION}`);
    expect(takeReturnRoute(localStorage, NOW + RETURN_ROUTE_TTL_MS)).toBeNull();
  });

  it("is forgotten when old, from the future, or not the app's route (what the sign-in page's script wrote unchecked)", () => {
    keepReturnRoute(localStorage, "#/settings", NOW);
    expect(takeReturnRoute(localStorage, NOW + RETURN_ROUTE_TTL_MS + 1)).toBeNull();
    keepReturnRoute(localStorage, "#/settings", NOW);
    expect(takeReturnRoute(localStorage, NOW - 1)).toBeNull();
    localStorage.setItem(RETURN_ROUTE_KEY, JSON.stringify({ hash: "#/c/cnv_ab", at: NOW }));
    expect(takeReturnRoute(localStorage, NOW)).toBeNull();
    localStorage.setItem(RETURN_ROUTE_KEY, "{not json");
    expect(takeReturnRoute(localStorage, NOW)).toBeNull();
    expect(localStorage.getItem(RETURN_ROUTE_KEY)).toBeNull();
  });

  it("keeps nothing for home or a foreign address", () => {
    keepReturnRoute(localStorage, "#/", NOW);
    keepReturnRoute(localStorage, "#//evil.example", NOW);
    expect(localStorage.getItem(RETURN_ROUTE_KEY)).toBeNull();
  });

  it("opens in place of home after the sign-in, and an address naming a screen wins", () => {
    history.replaceState(null, "", "/");
    keepReturnRoute(localStorage, `#/c/${CONVERSATION}`, Date.now());
    openReturnRoute();
    expect(location.hash).toBe(`#/c/${CONVERSATION}`);
    expect(useNavStore.getState().hash).toBe(`#/c/${CONVERSATION}`);
    expect(useUiStore.getState().selectedId).toBe(CONVERSATION);

    history.replaceState(null, "", "/#/jobs");
    keepReturnRoute(localStorage, "#/settings", Date.now());
    openReturnRoute();
    expect(location.hash).toBe("#/jobs");
    expect(localStorage.getItem(RETURN_ROUTE_KEY)).toBeNull();
  });
});
