import { useRef, useState } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { useRefocusAfter } from "../../lib/focus-layer.ts";
import { errorMessage } from "../../lib/http.ts";
import { remoteApi } from "./remote-api.ts";

/**
 * Rotating the sign-in token asks in place, as Revoke does: the browser's `confirm()` froze the page, could not be
 * styled for a phone, and Escape on it left the keyboard nowhere. The question takes the keyboard, Escape (not the
 * whole Devices screen) or Cancel gives it back to the button; once rotated, this device is signed out too and reloads.
 * Why a rotation failed is said here, beside the button, not at the top of a long screen.
 */
export function RotateToken() {
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  useEscapeLayer(isAsking && !isBusy, () => setIsAsking(false));
  useRefocusAfter(isAsking, askButton);
  const rotate = () => {
    setIsBusy(true);
    void remoteApi.rotateToken().then(
      () => location.reload(),
      (e: unknown) => {
        setIsBusy(false);
        setIsAsking(false);
        setError(errorMessage(e));
      },
    );
  };
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">Sign-in token</h3>
      <p className="text-xs text-stone-500">Rotating the start token signs every device out, this one included.</p>
      {isAsking ? (
        <div role="group" aria-label="Confirm: rotate the token and sign everyone out" className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 p-2 dark:bg-red-950/40">
          <p className="min-w-0 flex-1 basis-48 text-sm">Sign out every device, this one included? The new sign-in link is printed in the terminal where ChatML runs.</p>
          <Button variant="danger" autoFocus disabled={isBusy} onClick={rotate}>Sign everyone out</Button>
          <Button variant="ghost" disabled={isBusy} onClick={() => setIsAsking(false)}>Cancel</Button>
        </div>
      ) : (
        <Button ref={askButton} variant="secondary" onClick={() => { setError(null); setIsAsking(true); }}>Rotate token and sign everyone out</Button>
      )}
      <ErrorText message={error} />
    </section>
  );
}
