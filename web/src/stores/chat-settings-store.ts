import { create } from "zustand";
import { persist } from "zustand/middleware";

export type Theme = "system" | "light" | "dark";
export type SendKey = "auto" | "enter" | "button";

/** Per-device display and input preferences. */
interface ChatSettings {
  theme: Theme;
  /** Root font size in px (scales the whole UI). */
  fontSize: number;
  /** auto: Enter sends with a real keyboard, the button on touch screens. */
  sendKey: SendKey;
  isSoundOn: boolean;
  isNotifyOn: boolean;
  set: (patch: Partial<Omit<ChatSettings, "set">>) => void;
}

/** Display settings of this device (theme, font size, send key, notifications), kept in localStorage. */
export const useChatSettings = create<ChatSettings>()(
  persist(
    (set) => ({ theme: "system", fontSize: 16, sendKey: "auto", isSoundOn: false, isNotifyOn: true, set: (patch) => set(patch) }),
    { name: "chatml.settings" },
  ),
);
