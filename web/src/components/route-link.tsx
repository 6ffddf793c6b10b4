import type { AnchorHTMLAttributes, MouseEvent } from "react";

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
