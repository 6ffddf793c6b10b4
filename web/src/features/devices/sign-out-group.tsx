import { useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { useRefocusAfter } from "../../lib/focus-layer.ts";
import { errorMessage } from "../../lib/http.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";

/** What the Devices screen gives a group: its rows, and what to do once they are signed out or a sign-out failed. */
export type GroupProps = {
  devices: DeviceRow[];
  /** A sign-out failed (some may be signed out): the list is read again. */
  onDone: () => void;
  /** Every row was signed out: the group goes with them, so the screen takes the keyboard and says so. */
  onSignedOut: (count: number) => void;
  onError: (message: string) => void;
};

/**
 * One action for several rows of the Devices list ("Sign out 3 older sign-ins of this browser"), asked once: what
 * they are (`summary`), the question before the tap that signs them all out, and what the button says. The question
 * takes the keyboard; Escape (not closing the whole Devices screen) or Cancel gives it back to the button.
 */
export function SignOutGroup({ label, devices, summary, question, action, onDone, onSignedOut, onError }: GroupProps & { label: string; summary: string; question: string; action: string }) {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  useEscapeLayer(isAsking && !isBusy, () => setIsAsking(false));
  useRefocusAfter(isAsking, askButton);
  if (devices.length === 0) return null;
  const signOut = () => {
    setIsBusy(true);
    void Promise.all(devices.map((d) => remoteApi.revoke(d.id))).then(
      () => { setIsBusy(false); setIsAsking(false); onSignedOut(devices.length); },
      (e: unknown) => { setIsBusy(false); onError(errorMessage(e)); onDone(); },
    );
  };
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-2 text-sm dark:bg-amber-950/40">
      <p className="min-w-0 flex-1 basis-52">{isAsking ? question : summary}</p>
      {isAsking ? (
        <>
          <Button variant="danger" autoFocus disabled={isBusy} onClick={signOut}>Sign them out</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => setIsAsking(false)}>Cancel</Button>
        </>
      ) : (
        <Button ref={askButton} variant="secondary" onClick={() => setIsAsking(true)}>{action}</Button>
      )}
    </div>
  );
}
