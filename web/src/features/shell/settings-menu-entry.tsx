import { useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";

/** The menu's way to Settings, at its foot on phones and desktop alike (the app-wide preferences have no other home). */
export function SettingsMenuEntry() {
  const go = useNavStore((s) => s.go);
  const isOnSettings = useNavStore((s) => s.hash === "#/settings");
  const isConversationOpen = useUiStore((s) => s.selectedId !== null);
  const isCurrent = isOnSettings && !isConversationOpen;
  return (
    <div className="border-t border-stone-200 p-2 dark:border-stone-800">
      <button
        type="button"
        aria-current={isCurrent ? "page" : undefined}
        onClick={() => go({ view: "settings" })}
        className={`flex min-h-11 w-full items-center rounded-lg px-3 text-left text-sm font-medium ${isCurrent ? "bg-stone-200 dark:bg-stone-800" : "hover:bg-stone-200/60 dark:hover:bg-stone-800/60"}`}
      >
        Settings
      </button>
    </div>
  );
}
