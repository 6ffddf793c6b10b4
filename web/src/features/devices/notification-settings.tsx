import { useEffect, useState } from "react";
import type { NotificationSettings } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { subscribeToPush } from "../../lib/pwa/service-worker.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";

/** This device's push notifications: turn them on (permission + subscription) and choose which events notify. */
export function NotificationSettingsForm({ device, onSaved }: { device: DeviceRow; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [publicKey, setPublicKey] = useState<string | null>(null);
  useEffect(() => {
    remoteApi.pushInfo().then((info) => setPublicKey(info.publicKey), (e: unknown) => setError(errorMessage(e)));
  }, []);
  const run = (action: () => Promise<unknown>) => () => void action().then(onSaved, (e: unknown) => setError(errorMessage(e)));
  const enable = run(async () => {
    if (!publicKey) throw new Error("The server's push key is not loaded yet.");
    const json = await subscribeToPush(publicKey);
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error("The browser returned an incomplete push subscription.");
    await remoteApi.subscribePush({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } });
  });
  const toggle = (key: keyof NotificationSettings) => run(() => remoteApi.updateDevice(device.id, { notifications: { ...device.notifications, [key]: !device.notifications[key] } }));
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">Notifications on this device</h3>
      {error ? <ErrorText message={error} /> : null}
      {device.hasPush ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={run(() => remoteApi.testPush())}>Send a test</Button>
          <Button variant="ghost" onClick={run(() => remoteApi.unsubscribePush())}>Turn off</Button>
        </div>
      ) : (
        <Button variant="primary" onClick={enable}>Turn on notifications</Button>
      )}
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={device.notifications.needsInput} onChange={toggle("needsInput")} className="size-5" />
        When a conversation needs me (permission, question, plan)
      </label>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={device.notifications.finished} onChange={toggle("finished")} className="size-5" />
        When a conversation finishes or fails
      </label>
    </section>
  );
}
