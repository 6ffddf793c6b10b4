import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { onServerFrame } from "../../lib/socket.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { NotificationSettingsForm } from "./notification-settings.tsx";
import { OlderSignIns, olderSignInsOf, UnseenDevices, unseenDevicesOf } from "./stale-sign-ins.tsx";
import { PairingCard } from "./pairing-card.tsx";
import { remoteApi, type DeviceRow } from "./remote-api.ts";
import { ModalLayer } from "../../components/modal-sheet.tsx";
import { DeviceListRow } from "./device-list-row.tsx";
import { RotateToken } from "./rotate-token.tsx";

/**
 * The Devices screen: who is signed in, revoke any of them, pair a new one, notifications, sign everyone out. A modal
 * that holds the keyboard (ModalLayer): its card takes focus, Tab stays inside, Escape closes it, and the Devices
 * button has focus again after; the keyboard stayed on the page behind it, and Escape did nothing. Full screen on a phone.
 */
export function DevicesPanel({ onClose }: { onClose: () => void }) {
  const titleId = useId();
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
  // A group's "Sign them out" took its group (and the focused button) away: the keyboard goes to the list it changed,
  // and what was done is said, where focus fell to the page behind the screen and nothing was said.
  const list = useRef<HTMLUListElement>(null);
  const signedOutGroup = (count: number) => {
    setNotice(count === 1 ? "Signed out 1 device." : `Signed out ${count} devices.`);
    list.current?.focus();
    void reload();
  };
  return (
    <ModalLayer
      labelledBy={titleId}
      onClose={onClose}
      layerClassName="items-stretch md:items-center"
      cardClassName="max-w-lg gap-4 overflow-y-auto pt-[max(1rem,env(safe-area-inset-top))] md:max-h-[90vh] md:rounded-xl"
    >
      <div className="flex items-center justify-between">
        <h2 id={titleId} className="text-base font-semibold">Devices</h2>
        <Button variant="ghost" onClick={onClose}>Close</Button>
      </div>
      {error ? <ErrorText message={error} /> : null}
      {readError ? <ErrorText message={readError} /> : null}
      {notice ? <p role="status" className="text-sm text-stone-600 dark:text-stone-300">{notice}</p> : null}
      {/* Above the list: the rows it would sign out can fill a phone's screen. */}
      <OlderSignIns devices={olderSignIns} onDone={reload} onSignedOut={signedOutGroup} onError={setError} />
      <UnseenDevices devices={unseenOthers} onDone={reload} onSignedOut={signedOutGroup} onError={setError} />
      <ul ref={list} tabIndex={-1} aria-label="Signed-in devices" className="outline-none focus-visible:ring-2 focus-visible:ring-sky-500 divide-y divide-stone-200 rounded-lg border border-stone-200 dark:divide-stone-800 dark:border-stone-800">
        {listed.map((device) => (
          <DeviceListRow
            key={device.id}
            device={device}
            isUnseen={unseen.includes(device)}
            isOnlyDevice={listed.length === 1}
            isRenaming={renaming === device.id}
            onRenaming={(isRenaming) => setRenaming(isRenaming ? device.id : null)}
            onChanged={reload}
            onRevokeFailed={recheckAfterFailedRevoke}
          />
        ))}
      </ul>
      <PairingCard devices={devices} reloadDevices={reload} />
      {current ? <NotificationSettingsForm device={current} onSaved={reload} /> : null}
      <RotateToken />
    </ModalLayer>
  );
}
