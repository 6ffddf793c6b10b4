import { useChatSettings } from "./chat-settings-store.ts";

/** Mirrors the display settings onto <html>: the `dark` class (theme or system) and the root font size. */
export function applyDisplaySettings(): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    const { theme, fontSize } = useChatSettings.getState();
    const isDark = theme === "dark" || (theme === "system" && media.matches);
    document.documentElement.classList.toggle("dark", isDark);
    document.documentElement.style.colorScheme = isDark ? "dark" : "light";
    document.documentElement.style.fontSize = `${fontSize}px`;
  };
  apply();
  media.addEventListener("change", apply);
  const unsubscribe = useChatSettings.subscribe(apply);
  return () => {
    media.removeEventListener("change", apply);
    unsubscribe();
  };
}

// Applied as soon as the app loads, so every screen (not only the chat) gets the theme and font size.
if (typeof window !== "undefined" && typeof window.matchMedia === "function") applyDisplaySettings();
