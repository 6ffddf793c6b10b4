import { useEffect, useRef, type KeyboardEvent, type RefObject } from "react";

/**
 * Gives the keyboard back to what had it before a layer (a dialog, the phone's drawer) opened, once the layer closes:
 * else focus falls to the page's body and the next Tab starts again at the top of the page. Only when focus was lost
 * with the layer (on the body, or still inside it), so a layer closed by a tap elsewhere leaves that tap's focus alone.
 * Call it before any effect that moves focus into the layer, so that it sees the opener.
 */
export function useFocusReturn(isOpen: boolean, layer: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!isOpen) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = layer.current;
    return () => {
      const active = document.activeElement;
      const isLost = active === null || active === document.body || (node?.contains(active) ?? false);
      if (isLost && opener?.isConnected) opener.focus();
    };
  }, [isOpen, layer]);
}

/**
 * For a control that an inline form or question replaces while `isOpen` (Rename, Delete…): once it closes, the
 * control (drawn again) takes the keyboard back, where focus fell to the page's body and the next Tab started again at
 * the top. Focus the user moved elsewhere meanwhile is left alone.
 */
export function useRefocusAfter(isOpen: boolean, control: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(false);
  useEffect(() => {
    if (isOpen) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const active = document.activeElement;
    if (active === null || active === document.body) control.current?.focus();
  }, [isOpen, control]);
}

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/**
 * A modal layer that holds the keyboard: it takes focus as it opens (the layer itself, named by its title, unless a
 * control inside took it already, e.g. with autoFocus) and gives it back to the opener when it closes. The layer's
 * element needs `tabIndex={-1}` and {@link keepTabInside} as its `onKeyDown`.
 */
export function useModalFocus(layer: RefObject<HTMLElement | null>): void {
  useFocusReturn(true, layer);
  useEffect(() => {
    if (!layer.current?.contains(document.activeElement)) layer.current?.focus();
  }, [layer]);
}

/** Tab and Shift+Tab go round the layer's controls instead of on into the page behind it. */
export function keepTabInside(e: KeyboardEvent<HTMLElement>): void {
  const layer = e.currentTarget;
  if (e.key !== "Tab") return;
  const controls = [...layer.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = controls[0];
  const last = controls.at(-1);
  const active = document.activeElement;
  if (!first || !last) {
    e.preventDefault();
  } else if (e.shiftKey && (active === first || active === layer)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
