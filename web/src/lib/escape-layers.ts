import { useEffect, useRef } from "react";

/**
 * Escape closes the topmost open layer (drawer, sheet, panel, dialog) and nothing else: layers register in the order
 * they open, and one capture-phase listener closes the newest and swallows the key, so a later listener (interrupting
 * a turn) never sees an Escape that closed something.
 */
const layers: Array<{ close: () => void }> = [];

function onKeyDown(e: KeyboardEvent): void {
  if (e.key !== "Escape" || e.defaultPrevented || e.isComposing) return;
  const top = layers.at(-1);
  if (!top) return;
  e.preventDefault();
  e.stopImmediatePropagation();
  top.close();
}

if (typeof window !== "undefined") window.addEventListener("keydown", onKeyDown, true);

/** While `isOpen`, Escape calls `onClose` (if this is the newest open layer). */
export function useEscapeLayer(isOpen: boolean, onClose: () => void): void {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    if (!isOpen) return;
    const layer = { close: () => close.current() };
    layers.push(layer);
    return () => {
      const index = layers.indexOf(layer);
      if (index !== -1) layers.splice(index, 1);
    };
  }, [isOpen]);
}

/** True while some layer is open (Escape belongs to it). */
export function hasEscapeLayer(): boolean {
  return layers.length > 0;
}
