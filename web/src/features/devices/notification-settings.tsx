import { useCallback, useEffect, useRef, useState } from "react";
import type { NotificationSettings } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { subscribeToPush, whyNoPush } from "../../lib/pwa/service-worker.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";

/** This device's push notifications: turn them on (permission + subscription) and choose which events notify. */
export function NotificationSettingsForm({ device, onSaved }: { device: DeviceRow; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [publicKey, setPublicKey] = useState<string | null>(null);
  const [noPush] = useState(whyNoPush);
  useEffect(() => {
    remoteApi.pushInfo().then((info) => setPublicKey(info.publicKey), (e: unknown) => setError(errorMessage(e)));
  }, []);
  // Each tap starts clean: a refusal the user then fixed (allowed the site, tapped again) stayed above "Send a test".
  const run = (action: () => Promise<unknown>) => () => {
    setError(null);
    void action().then(onSaved, (e: unknown) => setError(errorMessage(e)));
  };
  const enable = run(async () => {
    if (!publicKey) throw new Error("The server's push key is not loaded yet.");
    const json = await subscribeToPush(publicKey);
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error("The browser returned an incomplete push subscription.");
    await remoteApi.subscribePush({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } });
  });
  const { shown, toggle } = useNotificationChoices(device, onSaved, setError);
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">Notifications on this device</h3>
      {error ? <ErrorText message={error} /> : null}
      {device.hasPush ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={run(() => remoteApi.testPush())}>Send a test</Button>
          <Button variant="ghost" onClick={run(() => remoteApi.unsubscribePush())}>Turn off</Button>
        </div>
      ) : noPush ? (
        // Said before a tap, not after it: on a plain-HTTP address the button could only fail.
        <p role="note" className="text-xs text-stone-600 dark:text-stone-400">{noPush}</p>
      ) : (
        <Button variant="primary" onClick={enable}>Turn on notifications</Button>
      )}
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={shown.needsInput} onChange={toggle("needsInput")} className="size-5" />
        When a conversation needs me (permission, question, plan)
      </label>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={shown.finished} onChange={toggle("finished")} className="size-5" />
        When a conversation finishes or fails
      </label>
    </section>
  );
}

/**
 * The two choices as last tapped, each tap saving both. Built from what the list said, a second tap before the list
 * was read again sent the first choice back as it was: two quick taps saved only the second.
 */
function useNotificationChoices(device: DeviceRow, onSaved: () => void, onError: (message: string) => void) {
  const [shown, setShown] = useState(device.notifications);
  const latest = useRef(device.notifications);
  const { needsInput, finished } = device.notifications;
  const showSaved = useCallback(() => {
    latest.current = { needsInput, finished };
    setShown(latest.current);
  }, [needsInput, finished]);
  // What the server says (after a save, or another window's change) is what is shown.
  useEffect(showSaved, [showSaved]);
  const toggle = (key: keyof NotificationSettings) => () => {
    latest.current = { ...latest.current, [key]: !latest.current[key] };
    setShown(latest.current);
    void remoteApi.updateDevice(device.id, { notifications: latest.current }).then(onSaved, (e: unknown) => {
      // A choice that was not saved is not shown as made.
      showSaved();
      onError(errorMessage(e));
    });
  };
  return { shown, toggle };
}
