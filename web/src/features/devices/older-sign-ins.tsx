import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { errorMessage } from "../../lib/http.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";

/**
 * Rows this browser most likely left behind (signed in again after its cookie was lost, or before ChatML kept one row
 * per browser): devices not connected now whose browser reads exactly as this one's (make, version and system). Two
 * machines can read alike, so the action says "most likely" and asks first; any other device keeps its own Revoke.
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
          ? `Sign out ${what}? Each one not connected now reads exactly as this browser (same make, version and system): most likely this browser signed in again. This device stays signed in.`
          : `${what[0]?.toUpperCase()}${what.slice(1)}, most likely: not connected, and their browser reads exactly as this one.`}
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
