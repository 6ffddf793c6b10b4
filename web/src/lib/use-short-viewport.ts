import { useSyncExternalStore } from "react";
import { DESKTOP_QUERY, FINE_POINTER_QUERY } from "./use-media-query.ts";

/** Below this visible height (px, 32rem) a screen is short: a phone with its keyboard open, or turned sideways. */
const SHORT_HEIGHT = 512;

function subscribe(onChange: () => void): () => void {
  const vv = window.visualViewport;
  vv?.addEventListener("resize", onChange);
  window.addEventListener("resize", onChange);
  return () => {
    vv?.removeEventListener("resize", onChange);
    window.removeEventListener("resize", onChange);
  };
}

/**
 * Whether the part of the page the user sees is short; re-renders when it changes. It reads the visual viewport: iOS
 * (and Android with `resizes-visual`) leave the layout viewport, and so a `max-height` media query, as tall as the
 * screen while the keyboard covers half of it.
 */
export function useIsShortViewport(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => (window.visualViewport?.height ?? window.innerHeight) < SHORT_HEIGHT,
    () => false,
  );
}

/**
 * Whether the screen has room for the desktop's panels (one beside, one below the conversation): wide, and not
 * short. A phone turned sideways is wide but short, and a terminal in a bottom panel there got two rows. A touch
 * screen is judged by its own short side, not the window: its on-screen keyboard shrinks the window (ChatML asks for
 * `resizes-content`), and the layout must not change under the field being typed in.
 */
export function useHasRoomForPanels(): boolean {
  return useSyncExternalStore(subscribe, hasRoomForPanels, () => true);
}

/**
 * Whether the conversations sidebar stays beside the screen (else it is a drawer behind "Open menu"): from `md` wide,
 * except on a phone turned sideways (a touch screen whose short side is short), where its 288 px took a third of the
 * width and left a terminal 69 columns.
 */
export function useHasSidebar(): boolean {
  return useSyncExternalStore(subscribe, hasSidebar, () => true);
}

function hasSidebar(): boolean {
  if (!window.matchMedia(DESKTOP_QUERY).matches) return false;
  return window.matchMedia(FINE_POINTER_QUERY).matches || Math.min(window.screen.width, window.screen.height) >= SHORT_HEIGHT;
}

function hasRoomForPanels(): boolean {
  if (!window.matchMedia(DESKTOP_QUERY).matches) return false;
  const height = window.matchMedia(FINE_POINTER_QUERY).matches ? window.innerHeight : Math.min(window.screen.width, window.screen.height);
  return height >= SHORT_HEIGHT;
}

/** Fields that open a touch screen's keyboard when focused (not check boxes, buttons, ranges or selects). */
function isTypingField(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !el.readOnly && !["checkbox", "radio", "range", "button", "submit", "reset", "file", "color", "image"].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

function subscribeToTyping(onChange: () => void): () => void {
  const unsubscribe = subscribe(onChange);
  document.addEventListener("focusin", onChange);
  document.addEventListener("focusout", onChange);
  return () => {
    unsubscribe();
    document.removeEventListener("focusin", onChange);
    document.removeEventListener("focusout", onChange);
  };
}

/**
 * Whether an upright phone's keyboard is likely open: a touch screen narrower than `md`, a field that types has the
 * focus, and the visible height is short (a browser says no more: iOS has no keyboard event). A phone turned sideways
 * is short without its keyboard, and a terminal focused as it opens (no keyboard on iOS without a tap) would pass.
 */
export function useIsOnScreenKeyboardOpen(): boolean {
  return useSyncExternalStore(subscribeToTyping, isOnScreenKeyboardOpen, () => false);
}

function isOnScreenKeyboardOpen(): boolean {
  if (window.matchMedia(FINE_POINTER_QUERY).matches || window.matchMedia(DESKTOP_QUERY).matches) return false;
  return (window.visualViewport?.height ?? window.innerHeight) < SHORT_HEIGHT && isTypingField(document.activeElement);
}
