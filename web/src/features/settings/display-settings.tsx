import { useState } from "react";
import { useChatSettings, type SendKey, type Theme } from "../../stores/chat-settings-store.ts";
import { NO_VOICE_REASON, speechRecognition } from "../chat/composer/voice-button.tsx";
import { FIELD, LABEL } from "./field.ts";

const TEXT_SIZES = [14, 15, 16, 17, 18, 20];

const ENTER_KEY_MEANINGS: Record<SendKey, string> = {
  auto: "With a keyboard, Enter sends and Shift+Enter starts a new line; on a touch screen, Enter starts a new line and the Send button sends.",
  enter: "Enter sends everywhere, touch screens too; Shift+Enter starts a new line.",
  button: "Enter starts a new line; only the Send button sends.",
};

/**
 * Why this page can show no notification while the box is ticked (it is by default), or null: on a plain-HTTP address
 * browsers refuse them (they read as "denied"), and a site the user blocked stays blocked until its settings change.
 */
function whyNoPageNotifications(): string | null {
  if (!("Notification" in window)) return "This browser shows no notifications from a web page.";
  if (!window.isSecureContext) return "Browsers show no notifications on a plain-HTTP address like this one: open ChatML over HTTPS, or at localhost on its own computer.";
  if (Notification.permission === "denied") return "Notifications are blocked for this site: allow them in the browser's site settings, then reload.";
  return null;
}

/**
 * This device's display and input preferences (kept in localStorage): theme, text size, how Enter behaves, the
 * notification while the tab is hidden and its sound; and why dictation is missing when it is.
 */
export function DisplaySettings() {
  const s = useChatSettings();
  // Read once a render; the browser's answer to the prompt a tick opens renders again (the permission is no state of
  // ours): a blocked prompt left the box ticked without a word until something else re-rendered the screen.
  const [, setAnswer] = useState<NotificationPermission | null>(null);
  const noNotifications = s.isNotifyOn ? whyNoPageNotifications() : null;
  const askNotify = (isOn: boolean) => {
    s.set({ isNotifyOn: isOn });
    if (isOn && "Notification" in window && Notification.permission === "default") void Notification.requestPermission().then(setAnswer);
  };
  return (
    <div className="space-y-3">
      {/* Side by side only with room: on a phone half a card cut "Same as the system" to "Same as the syste". */}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <label className="space-y-1">
          <span className={LABEL}>Theme</span>
          <select aria-label="Theme" value={s.theme} onChange={(e) => s.set({ theme: e.target.value as Theme })} className={FIELD}>
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="space-y-1">
          <span className={LABEL}>Text size</span>
          <select aria-label="Text size" value={s.fontSize} onChange={(e) => s.set({ fontSize: Number(e.target.value) })} className={FIELD}>
            {TEXT_SIZES.map((n) => <option key={n} value={n}>{n} px</option>)}
          </select>
        </label>
      </div>
      <label className="block space-y-1">
        <span className={LABEL}>Enter key</span>
        {/* Short options, whole on a phone at the largest text size; what the chosen one means is said below it. */}
        <select aria-label="Enter key" aria-describedby="enter-key-meaning" value={s.sendKey} onChange={(e) => s.set({ sendKey: e.target.value as SendKey })} className={FIELD}>
          <option value="auto">Sends, but not on touch</option>
          <option value="enter">Always sends</option>
          <option value="button">Never sends</option>
        </select>
        <span id="enter-key-meaning" className="block text-xs text-stone-500">{ENTER_KEY_MEANINGS[s.sendKey]}</span>
      </label>
      <label className="flex min-h-11 items-center gap-3 text-sm"><input type="checkbox" checked={s.isNotifyOn} onChange={(e) => askNotify(e.target.checked)} aria-describedby={noNotifications ? "no-notifications" : undefined} className="size-5" />Notify when Claude needs me (while this tab is hidden)</label>
      {noNotifications ? <p id="no-notifications" className="text-xs text-amber-800 dark:text-amber-300">{noNotifications}</p> : null}
      <label className="flex min-h-11 items-center gap-3 text-sm"><input type="checkbox" checked={s.isSoundOn} onChange={(e) => s.set({ isSoundOn: e.target.checked })} className="size-5" />Play a sound</label>
      {speechRecognition() ? null : <p className="text-xs text-stone-500">{NO_VOICE_REASON}</p>}
    </div>
  );
}
