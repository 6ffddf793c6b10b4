// jsdom has no `window.matchMedia`, which the app's layout hooks read on every screen (the top bar asks whether the
// sidebar stays). A page test gets one that matches no query (a narrow touch screen with no hover); a test about the
// layout stubs its own. Node-environment tests have no window.
if (typeof window !== "undefined" && typeof window.matchMedia !== "function") {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  });
}
