import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { age } from "../../lib/age.ts";
import { errorMessage } from "../../lib/http.ts";
import { onServerFrame } from "../../lib/socket.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { NotificationSettingsForm } from "./notification-settings.tsx";
import { OlderSignIns, olderSignInsOf, UnseenDevices, unseenDevicesOf, UNSEEN_DAYS } from "./stale-sign-ins.tsx";
import { PairingCard } from "./pairing-card.tsx";
import { remoteApi, type DeviceRow } from "./remote-api.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { dateAndTime } from "../../lib/when.ts";

/** The Devices screen: who is signed in, revoke any of them, pair a new one, notifications, sign everyone out. */
export function DevicesPanel({ onClose }: { onClose: () => void }) {
  const [devices, setDevices] = useState<DeviceRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Why the list could not be read, until a read works: a server restart's failed read stayed above the fresh list.
  const [readError, setReadError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  // When the list was read: what "unseen for a week" is measured from (the list is read again on every change).
  const [readAt, setReadAt] = useState(0);
  // Reads overlap when devices come and go quickly: only the answer to the latest read is shown.
  const reads = useRef(0);
  // Says with the list it read, or null when that read failed or a newer one overtook it.
  const reload = useCallback((): Promise<DeviceRow[] | null> => {
    const read = ++reads.current;
    return remoteApi.devices().then(
      (answer) => {
        if (read !== reads.current) return null;
        setReadAt(Date.now());
        setDevices(answer.devices);
        setReadError(null);
        return answer.devices;
      },
      (e: unknown) => {
        if (read === reads.current) setReadError(errorMessage(e));
        return null;
      },
    );
  }, []);
  // A refused revoke may mean another window signed that device out already: the list is read again, so a device
  // that is gone leaves it (its row, and the row's error, with it) and this says why; one still there keeps its error.
  const [notice, setNotice] = useState<string | null>(null);
  const recheckAfterFailedRevoke = (device: DeviceRow) =>
    void reload().then((list) => list && !list.some((d) => d.id === device.id) && setNotice(`“${device.name}” was already signed out.`));
  // Live: read again when the server says a device connected, left, signed in, was renamed or signed out, and after
  // a reconnect (what changed meanwhile was never said).
  const reconnects = useReconnects();
  useEffect(() => void reload(), [reload, reconnects]);
  useEffect(() => onServerFrame((frame) => frame.type === "devices.changed" && reload()), [reload]);
  const current = devices?.find((d) => d.isCurrent) ?? null;
  // This device first, the others in the order they were paired: in pairing order "(this device)" sat mid-list, out
  // of sight below a phone's first screen of rows.
  const listed = current ? [current, ...(devices ?? []).filter((d) => d !== current)] : devices ?? [];
  const olderSignIns = olderSignInsOf(current, devices ?? []);
  // A row is offered in one group only.
  const unseen = unseenDevicesOf(devices ?? [], readAt);
  const unseenOthers = unseen.filter((d) => !olderSignIns.includes(d));
  const rotate = () => {
    if (!confirm("Sign out every device, this one included? The new sign-in link is printed in the terminal.")) return;
    void remoteApi.rotateToken().then(() => location.reload(), (e: unknown) => setError(errorMessage(e)));
  };
  return (
    <div role="dialog" aria-modal="true" aria-label="Devices" className="fixed inset-0 z-50 flex items-stretch justify-center bg-black/40 md:items-center" onClick={onClose}>
      <div className="flex w-full max-w-lg flex-col gap-4 overflow-y-auto bg-stone-50 p-4 pt-[max(1rem,env(safe-area-inset-top))] md:max-h-[90vh] md:rounded-xl dark:bg-stone-900" onClick={(e) => e.stopPropagation()}>
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold">Devices</h2>
          <Button variant="ghost" onClick={onClose}>Close</Button>
        </div>
        {error ? <ErrorText message={error} /> : null}
        {readError ? <ErrorText message={readError} /> : null}
        {notice ? <p role="status" className="text-sm text-stone-600 dark:text-stone-300">{notice}</p> : null}
        {/* Above the list: the rows it would sign out can fill a phone's screen. */}
        <OlderSignIns devices={olderSignIns} onDone={reload} onError={setError} />
        <UnseenDevices devices={unseenOthers} onDone={reload} onError={setError} />
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 dark:divide-stone-800 dark:border-stone-800">
          {listed.map((device) => (
            // On a phone the buttons take a line of their own, so the name and "last seen" are shown whole.
            <li key={device.id} data-testid="device-row" className="flex flex-wrap items-center gap-x-3 gap-y-2 p-3">
              <span aria-label={device.isConnected ? "connected" : "not connected"} className={`size-2 shrink-0 rounded-full ${device.isConnected ? "bg-emerald-500" : "bg-stone-300 dark:bg-stone-600"}`} />
              <div className="min-w-0 flex-1 basis-52">
                {renaming === device.id ? (
                  <DeviceNameForm device={device} onDone={() => { setRenaming(null); reload(); }} onCancel={() => setRenaming(null)} />
                ) : (
                  // "(this device)" stays whole: on a phone two "Chrome on Linux" differ by it alone.
                  <p className="text-sm font-medium [overflow-wrap:anywhere]">
                    {device.name}
                    {device.isCurrent ? <span className="whitespace-nowrap"> (this device)</span> : null}
                  </p>
                )}
                <DeviceSeen device={device} isUnseen={unseen.includes(device)} />
              </div>
              <div className="ml-auto flex flex-wrap justify-end gap-2">
                {renaming === device.id ? null : <Button variant="ghost" aria-label={`Rename ${device.name}`} onClick={() => setRenaming(device.id)}>Rename</Button>}
                <RevokeAction device={device} onRevoked={reload} onFailed={recheckAfterFailedRevoke} />
              </div>
            </li>
          ))}
        </ul>
        <PairingCard devices={devices} reloadDevices={reload} />
        {current ? <NotificationSettingsForm device={current} onSaved={reload} /> : null}
        <section className="space-y-2">
          <h3 className="text-sm font-semibold">Sign-in token</h3>
          <p className="text-xs text-stone-500">Rotating the start token signs every device out, this one included.</p>
          <Button variant="secondary" onClick={rotate}>Rotate token and sign everyone out</Button>
        </section>
      </div>
    </div>
  );
}

/**
 * When a device was last seen (in words, the time on hover) and signed in, and from where: what tells two rows apart;
 * marked when unseen for a week or more (what the banner above would sign out).
 */
function DeviceSeen({ device, isUnseen }: { device: DeviceRow; isUnseen: boolean }) {
  const lastSeen = device.isConnected ? "connected now" : `last seen ${age(device.lastSeenAt)}`;
  return (
    <p className="text-xs text-stone-500 [overflow-wrap:anywhere]">
      {isUnseen ? <span className="mr-1 rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">Not seen for {UNSEEN_DAYS}+ days</span> : null}
      <span title={new Date(device.lastSeenAt).toLocaleString()}>{lastSeen[0]?.toUpperCase()}{lastSeen.slice(1)}</span>
      {DOT}
      {dotJoin([`signed in ${dateAndTime(device.createdAt)}`, device.lastAddress ?? "unknown address"])}
    </p>
  );
}

/**
 * Revoke (Sign out for this device) asks first: one tap beside Rename signed a device out until it is paired again.
 * Why a revoke failed (another window signed that device out already) is said in the row: at the top of the screen it
 * was out of sight below a phone's long list, and the tap seemed to do nothing.
 */
function RevokeAction({ device, onRevoked, onFailed }: { device: DeviceRow; onRevoked: () => void; onFailed: (device: DeviceRow) => void }) {
  const [isAsking, setIsAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = device.isCurrent ? "Sign out" : "Revoke";
  if (!isAsking) return <Button variant="danger" onClick={() => setIsAsking(true)}>{verb}</Button>;
  const question = device.isCurrent ? "Sign this device out? To come back, pair it from another device or open a new sign-in link." : `Sign “${device.name}” out? It has to be paired again to come back.`;
  const revoke = () =>
    void remoteApi.revoke(device.id).then(onRevoked, (e: unknown) => {
      setError(errorMessage(e));
      onFailed(device);
    });
  return (
    <div role="group" aria-label={`Confirm: ${verb} ${device.name}`} className="flex basis-full flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950/40">
      <p className="min-w-0 flex-1 basis-48 text-sm">{question}</p>
      <Button variant="danger" onClick={revoke}>{verb}</Button>
      <Button variant="ghost" onClick={() => setIsAsking(false)}>Cancel</Button>
      <div className="basis-full"><ErrorText message={error} /></div>
    </div>
  );
}

/**
 * Names a device (two "Chrome on Linux" are told apart by what the user calls them). Why a name was refused is said
 * under it: at the top of the screen it was out of sight below a phone's long list, and Save seemed to do nothing.
 */
function DeviceNameForm({ device, onDone, onCancel }: { device: DeviceRow; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(device.name);
  const [error, setError] = useState<string | null>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void remoteApi.updateDevice(device.id, { name: name.trim() }).then(onDone, (err: unknown) => setError(errorMessage(err)));
  };
  return (
    <form onSubmit={save} className="flex flex-wrap gap-2">
      <input
        aria-label="Device name"
        value={name}
        maxLength={80}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
        className="min-h-11 min-w-0 basis-full rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <Button type="submit" variant="primary" disabled={!name.trim()}>Save</Button>
      <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      <div className="basis-full"><ErrorText message={error} /></div>
    </form>
  );
}
