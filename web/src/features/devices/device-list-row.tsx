import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { age } from "../../lib/age.ts";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { useRefocusAfter } from "../../lib/focus-layer.ts";
import { errorMessage } from "../../lib/http.ts";
import { dateAndTime } from "../../lib/when.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";
import { UNSEEN_DAYS } from "./stale-sign-ins.tsx";

type RowProps = {
  device: DeviceRow;
  isUnseen: boolean;
  /** The Devices screen renames one row at a time. */
  isRenaming: boolean;
  onRenaming: (isRenaming: boolean) => void;
  /** Renamed or revoked: the list is read again. */
  onChanged: () => void;
  onRevokeFailed: (device: DeviceRow) => void;
  /** No other device is signed in: signing this one out leaves only a sign-in link from the server's computer. */
  isOnlyDevice: boolean;
};

/**
 * One signed-in device on the Devices screen: its name (or the form renaming it), when it was seen, Rename and Revoke.
 * Rename's form takes the keyboard, and Save, Cancel or Escape give it back to Rename (it fell to the page).
 */
export function DeviceListRow({ device, isUnseen, isRenaming, onRenaming, onChanged, onRevokeFailed, isOnlyDevice }: RowProps) {
  const renameButton = useRef<HTMLButtonElement>(null);
  useRefocusAfter(isRenaming, renameButton);
  return (
    // On a phone the buttons take a line of their own, so the name and "last seen" are shown whole.
    <li data-testid="device-row" className="flex flex-wrap items-center gap-x-3 gap-y-2 p-3">
      <span aria-label={device.isConnected ? "connected" : "not connected"} className={`size-2 shrink-0 rounded-full ${device.isConnected ? "bg-emerald-500" : "bg-stone-300 dark:bg-stone-600"}`} />
      <div className="min-w-0 flex-1 basis-52">
        {isRenaming ? (
          <DeviceNameForm device={device} onDone={() => { onRenaming(false); onChanged(); }} onCancel={() => onRenaming(false)} />
        ) : (
          // "(this device)" stays whole: on a phone two "Chrome on Linux" differ by it alone.
          <p className="text-sm font-medium [overflow-wrap:anywhere]">
            {device.name}
            {device.isCurrent ? <span className="whitespace-nowrap"> (this device)</span> : null}
          </p>
        )}
        <DeviceSeen device={device} isUnseen={isUnseen} />
      </div>
      <div className="ml-auto flex flex-wrap justify-end gap-2">
        {isRenaming ? null : <Button ref={renameButton} variant="ghost" aria-label={`Rename ${device.name}`} onClick={() => onRenaming(true)}>Rename</Button>}
        <RevokeAction device={device} isOnlyDevice={isOnlyDevice} onRevoked={onChanged} onFailed={onRevokeFailed} />
      </div>
    </li>
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
 * was out of sight below a phone's long list, and the tap seemed to do nothing. The button is named after its device
 * (a list of bare "Revoke" buttons named none); the question takes the keyboard, Escape cancels it (not the whole
 * screen), and Cancel gives the keyboard back to the button.
 */
function RevokeAction({ device, isOnlyDevice, onRevoked, onFailed }: { device: DeviceRow; isOnlyDevice: boolean; onRevoked: () => void; onFailed: (device: DeviceRow) => void }) {
  const [isAsking, setIsAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  useEscapeLayer(isAsking, () => setIsAsking(false));
  useRefocusAfter(isAsking, askButton);
  const verb = device.isCurrent ? "Sign out" : "Revoke";
  if (!isAsking) return <Button ref={askButton} variant="danger" aria-label={`${verb} ${device.name}`} onClick={() => setIsAsking(true)}>{verb}</Button>;
  const question = revokeQuestion(device, isOnlyDevice);
  const revoke = () =>
    void remoteApi.revoke(device.id).then(onRevoked, (e: unknown) => {
      setError(errorMessage(e));
      onFailed(device);
    });
  return (
    <div role="group" aria-label={`Confirm: ${verb} ${device.name}`} className="flex basis-full flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950/40">
      <p className="min-w-0 flex-1 basis-48 text-sm">{question}</p>
      <Button variant="danger" autoFocus onClick={revoke}>{verb}</Button>
      <Button variant="ghost" onClick={() => setIsAsking(false)}>Cancel</Button>
      <div className="basis-full"><ErrorText message={error} /></div>
    </div>
  );
}

/**
 * What Revoke / Sign out asks. The last signed-in device was told to "pair it from another device", and there is none:
 * the only way back is a sign-in link printed on the computer running ChatML, so it says that, with the command.
 */
function revokeQuestion(device: DeviceRow, isOnlyDevice: boolean): ReactNode {
  if (!device.isCurrent) return `Sign “${device.name}” out? It has to be paired again to come back.`;
  if (isOnlyDevice) return <>Sign this device out? No other device is signed in: to come back, run <code className="font-mono">bunx chatml login-link</code> on the computer running ChatML and open the link it prints.</>;
  return "Sign this device out? To come back, pair it from another device or open a new sign-in link.";
}

/**
 * Names a device (two "Chrome on Linux" are told apart by what the user calls them). Why a name was refused is said
 * under it: at the top of the screen it was out of sight below a phone's long list, and Save seemed to do nothing.
 */
function DeviceNameForm({ device, onDone, onCancel }: { device: DeviceRow; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(device.name);
  const [error, setError] = useState<string | null>(null);
  // Escape cancels the rename, not the whole screen (the screen's own Escape would be the one to hear it).
  useEscapeLayer(true, onCancel);
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
        autoFocus
        onChange={(e) => setName(e.target.value)}
        className="min-h-11 min-w-0 basis-full rounded-lg border border-stone-300 bg-white px-3 text-sm dark:border-stone-700 dark:bg-stone-900"
      />
      <Button type="submit" variant="primary" disabled={!name.trim()}>Save</Button>
      <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      <div className="basis-full"><ErrorText message={error} /></div>
    </form>
  );
}
