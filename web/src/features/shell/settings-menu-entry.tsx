import { MenuEntry } from "../../components/menu-entry.tsx";
import { useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";

/** The menu's way to Settings, at its foot on phones and desktop alike (the app-wide preferences have no other home). */
export function SettingsMenuEntry() {
  const isOnSettings = useNavStore((s) => s.hash === "#/settings");
  const isConversationOpen = useUiStore((s) => s.selectedId !== null);
  return (
    <div className="border-t border-stone-200 p-2 dark:border-stone-800">
      <MenuEntry route={{ view: "settings" }} isCurrent={isOnSettings && !isConversationOpen}>
        Settings
      </MenuEntry>
    </div>
  );
}
