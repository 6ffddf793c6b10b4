// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";

/** A fresh ui store, as a page loaded at `hash` finds it before any component has mounted. */
async function loadAt(hash: string) {
  history.replaceState(null, "", `/${hash}`);
  vi.resetModules();
  return (await import("./ui-store.ts")).useUiStore;
}

describe("the selected conversation", () => {
  it("follows the address from the start: a back or a link followed while the page boots is not missed", async () => {
    const ui = await loadAt("#/c/cnv_addressone01");
    expect(ui.getState().selectedId).toBe("cnv_addressone01");
    ui.setState({ isDrawerOpen: true });
    // No component (the boot hook) has mounted yet.
    history.pushState(null, "", "#/c/cnv_addresstwo02");
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(ui.getState()).toMatchObject({ selectedId: "cnv_addresstwo02", isDrawerOpen: false });
    history.pushState(null, "", "#/jobs");
    window.dispatchEvent(new PopStateEvent("popstate"));
    expect(ui.getState().selectedId).toBeNull();
  });
});
