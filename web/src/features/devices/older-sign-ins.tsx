import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/http.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";

/**
 * Rows this very browser left behind (signed in again after its cookie was lost, or before ChatML kept one row per
 * browser): the same browser as this device, not connected now. They are what a user means by "stale"; any other
 * device may be a second phone of the same make, so it is left to its own Revoke.
 */
export function olderSignInsOf(current: DeviceRow | null, devices: readonly DeviceRow[]): DeviceRow[] {
  if (!current?.userAgent) return [];
  return devices.filter((d) => !d.isCurrent && !d.isConnected && d.userAgent === current.userAgent);
}

/** One action for them all: "Sign out 3 older sign-ins of this browser", asked once. */
export function OlderSignIns({ devices, onDone, onError }: { devices: DeviceRow[]; onDone: () => void; onError: (message: string) => void }) {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  if (devices.length === 0) return null;
  const what = devices.length === 1 ? "1 older sign-in of this browser" : `${devices.length} older sign-ins of this browser`;
  const signOut = () => {
    setIsBusy(true);
    void Promise.all(devices.map((d) => remoteApi.revoke(d.id))).then(
      () => { setIsBusy(false); setIsAsking(false); onDone(); },
      (e: unknown) => { setIsBusy(false); onError(errorMessage(e)); onDone(); },
    );
  };
  return (
    <div role="group" aria-label="Older sign-ins of this browser" className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-2 text-sm dark:bg-amber-950/40">
      <p className="min-w-0 flex-1 basis-52">
        {isAsking
          ? `Sign out ${what}? They are rows this browser left when it signed in again; this device stays signed in.`
          : `${what[0]?.toUpperCase()}${what.slice(1)} (the same browser as this device, not connected).`}
      </p>
      {isAsking ? (
        <>
          <Button variant="danger" disabled={isBusy} onClick={signOut}>Sign them out</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => setIsAsking(false)}>Cancel</Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setIsAsking(true)}>Sign out {what}</Button>
      )}
    </div>
  );
}
