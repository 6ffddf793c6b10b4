import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { routeHref, useNavStore, type Route } from "../stores/nav-store.ts";

type RouteLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "onClick"> & {
  /** The screen's address hash (`#/s/<id>`): what a new tab, a copied link or a bookmark opens. */
  href: string;
  /** Opens the screen in this page, as the app navigates (no reload). */
  onOpen: () => void;
};

/**
 * A link to one of the app's screens: a plain click opens it in place, as a button did, while a middle click, a
 * ctrl/cmd/shift click, "Open in new tab" or a phone's long-press "Copy link" get its real address.
 */
export function RouteLink({ href, onOpen, children, ...rest }: RouteLinkProps) {
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen();
  };
  return (
    <a href={href} onClick={open} {...rest}>
      {children}
    </a>
  );
}

/**
 * A {@link RouteLink} to a route, opened as the app navigates (`go`). A control whose only job is to show another
 * screen is one of these, whatever it looks like (a menu entry, a row, a button's look): what does something stays a
 * button (ADR 0268).
 *
 * @example <ScreenLink route={{ view: "jobs" }} className={buttonLook("ghost")}>Jobs</ScreenLink>
 */
export function ScreenLink({ route, ...rest }: Omit<RouteLinkProps, "href" | "onOpen"> & { route: Route }) {
  const go = useNavStore((s) => s.go);
  return <RouteLink href={routeHref(route)} onOpen={() => go(route)} {...rest} />;
}
