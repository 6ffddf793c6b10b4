import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button } from "./button.tsx";

interface ScreenErrorBoundaryProps {
  /** Changes when the user goes to another screen: the boundary then tries again. */
  resetKey: string;
  /** What Reload does; by default {@link reloadFresh}. */
  onReload?: () => void;
  children: ReactNode;
}

/**
 * Catches what would otherwise blank the whole page: a screen's code that cannot be loaded (ChatML was updated and
 * restarted while this page was open, so the page's old chunk names are gone, or the network dropped while fetching
 * one), or a screen that throws while rendering. The sidebar and tabs stay; the screen says what happened and offers a
 * reload that fetches the new app.
 */
export class ScreenErrorBoundary extends Component<ScreenErrorBoundaryProps, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ScreenErrorBoundaryProps, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("chatml: a screen failed", error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const isMissingCode = isChunkLoadError(error);
    return (
      <div role="alert" className="mx-auto flex max-w-lg flex-1 flex-col items-start justify-center gap-3 p-6 text-sm">
        <h2 className="text-base font-semibold">{isMissingCode ? "This screen could not be loaded" : "This screen ran into a problem"}</h2>
        <p className="text-stone-600 dark:text-stone-400">
          {isMissingCode
            ? "ChatML may have been updated since this page was opened, or the connection dropped while loading it. Reload to get the current version; nothing you sent is lost."
            : `Something went wrong while showing it (${error.message}). Reload to try again; nothing you sent is lost.`}
        </p>
        <Button variant="primary" onClick={this.props.onReload ?? (() => void reloadFresh())}>
          Reload ChatML
        </Button>
      </div>
    );
  }
}

/** What browsers say when a dynamic `import()` fails (Chromium, Firefox, Safari). */
export function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i.test(error.message);
}

/**
 * Reloads past the service worker's copy of the app: the cached page still names the old build's files, so its shell
 * caches go first (the worker fetches the page from the server when it has none, and caches that).
 */
export async function reloadFresh(): Promise<void> {
  try {
    if ("caches" in window) {
      for (const name of await caches.keys()) if (name.startsWith("chatml-shell-")) await caches.delete(name);
    }
  } catch (error) {
    console.warn("chatml: the app's caches could not be cleared", error);
  }
  window.location.reload();
}
