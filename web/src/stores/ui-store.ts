import { create } from "zustand";
import type { ConversationId } from "../../../shared/index.ts";
import { hasIdShape } from "../../../shared/id-shape.ts";

/** What this tab shows: the selected conversation (mirrored in `#/c/<id>` so reload keeps it) and the drawer. */
interface UiState {
  selectedId: ConversationId | null;
  isDrawerOpen: boolean;
  /** The Devices panel (opened from the strip on a desktop, from the drawer on a phone). */
  isDevicesOpen: boolean;
  /** A one-line outcome (e.g. what deleting a session did), shown after the screen it came from closed, for {@link NOTICE_MS}. */
  notice: string | null;
  /**
   * The screen's heading takes the keyboard at its next render (the top bar reads it and clears it): after what had
   * focus was deleted here, it fell to the page's body and the next Tab started again at the top.
   */
  isHeadingFocusAsked: boolean;
  focusHeading: (isAsked?: boolean) => void;
  select: (id: ConversationId | null) => void;
  setDrawerOpen: (isOpen: boolean) => void;
  setDevicesOpen: (isOpen: boolean) => void;
  showNotice: (text: string | null) => void;
}

/** How long a notice stays before it goes by itself (it can be dismissed sooner). */
export const NOTICE_MS = 6_000;

/** The pending auto-dismiss: replaced with every notice, so an older notice's timer never cuts a newer one short. */
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

export function idFromHash(hash: string): ConversationId | null {
  if (!hash.startsWith("#/c/")) return null;
  // `#/c/<id>/m/<messageId>` opens the conversation at a message (search results).
  const id = hash.slice(4).split("/")[0] ?? "";
  return hasIdShape("conversation", id) ? (id as ConversationId) : null;
}

export const useUiStore = create<UiState>()((set) => ({
  selectedId: typeof location === "undefined" ? null : idFromHash(location.hash),
  isDrawerOpen: false,
  isDevicesOpen: false,
  notice: null,
  isHeadingFocusAsked: false,
  focusHeading: (isHeadingFocusAsked = true) => set({ isHeadingFocusAsked }),
  select: (id) => {
    const hash = id ? `#/c/${id}` : "";
    if (typeof history !== "undefined" && location.hash !== hash) history.pushState(null, "", hash || location.pathname);
    set({ selectedId: id, isDrawerOpen: false });
  },
  setDrawerOpen: (isDrawerOpen) => set({ isDrawerOpen }),
  setDevicesOpen: (isDevicesOpen) => set(isDevicesOpen ? { isDevicesOpen, isDrawerOpen: false } : { isDevicesOpen }),
  showNotice: (notice) => {
    clearTimeout(noticeTimer);
    noticeTimer = notice ? setTimeout(() => set({ notice: null }), NOTICE_MS) : undefined;
    set({ notice });
  },
}));

// The selection follows the address from the moment the store exists, as nav-store's hash does: added in the boot
// hook's effect, a back or forward (or a link followed) while the page booted was missed and `selectedId` lagged.
if (typeof window !== "undefined") {
  window.addEventListener("popstate", () => useUiStore.setState({ selectedId: idFromHash(location.hash), isDrawerOpen: false }));
}
