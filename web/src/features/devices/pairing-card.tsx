import { useEffect, useState } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { remoteApi } from "./remote-api.ts";

type Pairing = { url: string; expiresAt: number; qrSvg: string };

/** Makes a one-time pairing link and shows it as a QR code with a countdown. */
export function PairingCard() {
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!pairing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [pairing]);
  const create = () => void remoteApi.createPairing().then(setPairing, (e: unknown) => setError(errorMessage(e)));
  const secondsLeft = pairing ? Math.max(0, Math.round((pairing.expiresAt - now) / 1000)) : 0;
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">Pair a device</h3>
      <p className="text-xs text-stone-500">Scan with the phone or tablet, or open the link there. It works once and expires in minutes.</p>
      {error ? <ErrorText message={error} /> : null}
      {pairing && secondsLeft > 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg bg-white p-3 text-stone-900">
          <div data-testid="pairing-qr" className="size-52 [&_svg]:size-full" dangerouslySetInnerHTML={{ __html: pairing.qrSvg }} />
          <a data-testid="pairing-link" className="break-all font-mono text-xs underline" href={pairing.url}>{pairing.url}</a>
          <p className="text-xs">Expires in {Math.floor(secondsLeft / 60)}:{String(secondsLeft % 60).padStart(2, "0")}</p>
        </div>
      ) : (
        <Button variant="primary" onClick={create}>{pairing ? "Make a new pairing link" : "Show pairing QR code"}</Button>
      )}
    </section>
  );
}
