import type { ReactNode } from "react";
import { ScreenLink } from "./route-link.tsx";
import type { Route } from "../stores/nav-store.ts";

/** One of the menu's ways to a screen (Home, Jobs…, Settings): a link to it, marked as the page while it is shown. */
export function MenuEntry({ route, isCurrent, children }: { route: Route; isCurrent: boolean; children: ReactNode }) {
  return (
    <ScreenLink
      route={route}
      aria-current={isCurrent ? "page" : undefined}
      className={`flex min-h-11 w-full items-center rounded-lg px-3 text-left text-sm font-medium ${isCurrent ? "bg-stone-200 dark:bg-stone-800" : "hover:bg-stone-200/60 dark:hover:bg-stone-800/60"}`}
    >
      {children}
    </ScreenLink>
  );
}
