import { useChatSettings, type SendKey, type Theme } from "../../../stores/chat-settings-store.ts";
import { NO_VOICE_REASON, speechRecognition } from "../composer/voice-button.tsx";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Theme, font size, how Enter behaves, notification sound; and why dictation is missing when it is. */
export function DisplaySettings() {
  const s = useChatSettings();
  const askNotify = (isOn: boolean) => {
    s.set({ isNotifyOn: isOn });
    if (isOn && "Notification" in window && Notification.permission === "default") void Notification.requestPermission();
  };
  return (
    <section aria-label="Display" className="space-y-2 border-t border-stone-200 pt-3 dark:border-stone-800">
      <h3 className="text-xs font-medium text-stone-500">Display & input (this device)</h3>
      <div className="grid grid-cols-2 gap-2">
        <select aria-label="Theme" value={s.theme} onChange={(e) => s.set({ theme: e.target.value as Theme })} className={FIELD}>
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        <select aria-label="Font size" value={s.fontSize} onChange={(e) => s.set({ fontSize: Number(e.target.value) })} className={FIELD}>
          {[14, 15, 16, 17, 18, 20].map((n) => <option key={n} value={n}>{n}px text</option>)}
        </select>
      </div>
      <select aria-label="Enter key" value={s.sendKey} onChange={(e) => s.set({ sendKey: e.target.value as SendKey })} className={FIELD}>
        <option value="auto">Enter sends with a keyboard, button on touch</option>
        <option value="enter">Enter always sends</option>
        <option value="button">Only the button sends</option>
      </select>
      <label className="flex min-h-11 items-center gap-2"><input type="checkbox" checked={s.isNotifyOn} onChange={(e) => askNotify(e.target.checked)} className="size-4" />Notify when Claude needs me (tab hidden)</label>
      <label className="flex min-h-11 items-center gap-2"><input type="checkbox" checked={s.isSoundOn} onChange={(e) => s.set({ isSoundOn: e.target.checked })} className="size-4" />Play a sound</label>
      {speechRecognition() ? null : <p className="text-xs text-stone-500">{NO_VOICE_REASON}</p>}
    </section>
  );
}
