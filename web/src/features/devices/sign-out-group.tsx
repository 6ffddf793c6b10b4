import { useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { useRefocusAfter } from "../../lib/focus-layer.ts";
import { errorMessage } from "../../lib/http.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";

/**
 * One action for several rows of the Devices list ("Sign out 3 older sign-ins of this browser"), asked once: what
 * they are (`summary`), the question before the tap that signs them all out, and what the button says. The question
 * takes the keyboard; Escape (not closing the whole Devices screen) or Cancel gives it back to the button.
 */
export function SignOutGroup({ label, devices, summary, question, action, onDone, onError }: { label: string; devices: DeviceRow[]; summary: string; question: string; action: string; onDone: () => void; onError: (message: string) => void }) {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  useEscapeLayer(isAsking && !isBusy, () => setIsAsking(false));
  useRefocusAfter(isAsking, askButton);
  if (devices.length === 0) return null;
  const signOut = () => {
    setIsBusy(true);
    void Promise.all(devices.map((d) => remoteApi.revoke(d.id))).then(
      () => { setIsBusy(false); setIsAsking(false); onDone(); },
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
