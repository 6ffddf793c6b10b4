/**
 * The first stop of the keyboard: hidden until focused, it moves focus into the screen's main landmark. Without it a
 * keyboard user with many workspaces tabbed through every workspace and session of the sidebar (dozens of links)
 * before reaching the screen (WCAG 2.4.1).
 */
export function SkipToMain() {
  return (
    <a
      href="#main"
      onClick={(e) => {
        // The app routes on the hash: the link only moves focus, never the route.
        e.preventDefault();
        // The main shown: a phone's workbench keeps the conversation's own main mounted but hidden behind a tool's.
        const main = [...document.querySelectorAll<HTMLElement>("main")].find(isShown);
        if (!main) return;
        if (!main.hasAttribute("tabindex")) main.tabIndex = -1;
        main.focus();
      }}
      // Moved above the screen rather than shrunk (sr-only): at its full size it stays a 44 px target wherever it is.
      className="fixed top-2 left-2 z-50 flex min-h-11 -translate-y-[200%] items-center rounded-lg bg-stone-900 px-3 text-sm font-medium text-white focus:translate-y-0 dark:bg-stone-100 dark:text-stone-900"
    >
      Skip to main content
    </a>
  );
}

/** Rendered (not inside a display:none part); a DOM without checkVisibility (jsdom) renders nothing and shows all. */
function isShown(element: HTMLElement): boolean {
  return typeof element.checkVisibility === "function" ? element.checkVisibility() : true;
}
