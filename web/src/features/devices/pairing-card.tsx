import { useEffect, useState } from "react";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { useSecondTicks } from "../../lib/use-second-ticks.ts";
import { remoteApi, type DeviceRow } from "./remote-api.ts";
import { ReachHelp } from "./reach-help.tsx";
import { CopyButton } from "./copy-button.tsx";

/** A pairing link as shown: `endsAt` and `shownAt` are on this device's clock. */
type Pairing = { id: string; url: string; qrSvg: string; endsAt: number; shownAt: number };
type Reach = Awaited<ReturnType<typeof remoteApi.pairingReach>>;

/** How often the device list is read again while a pairing link waits to be used (or its device to connect). */
const WATCH_MS = 2000;
/** How long after the link's end a paired device that has not connected yet is still watched for. */
const WATCH_CONNECT_MS = 60_000;

/**
 * Makes a one-time pairing link and shows it as a QR code with a countdown, but only when a phone can open the
 * address: on a server that listens on this computer only, it says how to restart it reachable instead. While the
 * link waits, the device list and the link's use are read again: once a device signs in with it, the used link gives way
 * to that device's name.
 */
export function PairingCard({ devices, reloadDevices }: { devices: DeviceRow[] | null; reloadDevices: () => void }) {
  const [reach, setReach] = useState<Reach | null>(null);
  const [pairing, setPairing] = useState<(Pairing & { knownIds: ReadonlySet<string> }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The device the server says signed in with THIS link: any new row is not it (a second link, a sign-in link, another
  // window's pairing add rows too), and a browser that was a device already adds none.
  const [usedBy, setUsedBy] = useState<string | null>(null);
  const now = useSecondTicks(pairing !== null);
  useEffect(() => void remoteApi.pairingReach().then(setReach, (e: unknown) => setError(errorMessage(e))), []);
  const create = () => {
    const knownIds = new Set((devices ?? []).map((device) => device.id));
    const made = (answer: Awaited<ReturnType<typeof remoteApi.createPairing>>) => {
      const shownAt = Date.now();
      setPairing({ id: answer.id, url: answer.url, qrSvg: answer.qrSvg, endsAt: shownAt + answer.expiresInMs, shownAt, knownIds });
      setUsedBy(null);
    };
    void remoteApi.createPairing().then(made, (e: unknown) => setError(errorMessage(e)));
  };
  // The ticking clock may be older than the link (it last ticked before it was made): it then read 5:01 or more.
  const secondsLeft = pairing ? Math.max(0, Math.ceil((pairing.endsAt - Math.max(now, pairing.shownAt)) / 1000)) : 0;
  const paired = pairing && usedBy ? (devices ?? []).find((device) => device.id === usedBy) ?? null : null;
  // Read again until the new device is also connected: it signs in first and opens its socket a moment later, so
  // the list read when it appeared showed it grey (offline) until the screen was opened again.
  const isWatchingConnect = pairing !== null && pairing.endsAt + WATCH_CONNECT_MS > Math.max(now, pairing.shownAt);
  const isWaiting = pairing !== null && (paired === null ? (usedBy === null ? secondsLeft > 0 : isWatchingConnect) : !paired.isConnected && isWatchingConnect);
  useEffect(() => {
    if (!isWaiting) return;
    const watch = () => {
      reloadDevices();
      if (pairing && !usedBy) void remoteApi.pairingUse(pairing.id).then((answer) => answer.device && setUsedBy(answer.device.id), (e: unknown) => setError(errorMessage(e)));
    };
    const timer = setInterval(watch, WATCH_MS);
    return () => clearInterval(timer);
  }, [isWaiting, reloadDevices, pairing, usedBy]);
  return (
    <section className="space-y-2" aria-label="Pair a device">
      <h3 className="text-sm font-semibold">Pair a device</h3>
      {error ? <ErrorText message={error} /> : null}
      {reach && !reach.address ? <ReachHelp howToReach={reach.howToReach} /> : null}
      {reach?.address ? (
        <p className="text-xs text-stone-500">
          Scan with the phone or tablet, or open the link there. It works once and expires in minutes. The device opens{" "}
          <span className="font-mono break-all">{reach.address}</span>.
        </p>
      ) : null}
      {paired ? (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          {pairing?.knownIds.has(paired.id)
            ? `“${paired.name}” was paired already and signed in again with it (still one row above). The link is used up.`
            : `“${paired.name}” is paired and signed in (listed above; rename it to tell it apart). The link is used up.`}
        </p>
      ) : null}
      {reach?.address && pairing && !paired && secondsLeft > 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-lg bg-white p-3 text-stone-900">
          <div data-testid="pairing-qr" className="size-52 [&_svg]:size-full" dangerouslySetInnerHTML={{ __html: pairing.qrSvg }} />
          <a data-testid="pairing-link" className="break-all font-mono text-xs underline" href={pairing.url}>{pairing.url}</a>
          {/* To send the link to a device that cannot scan (a laptop, a phone whose camera is busy): it was only selectable. */}
          <div className="flex flex-wrap justify-center gap-2 text-left">
            <CopyButton text={pairing.url} label="Copy the pairing link" />
          </div>
          <p className="text-xs">Expires in {Math.floor(secondsLeft / 60)}:{String(secondsLeft % 60).padStart(2, "0")}</p>
        </div>
      ) : reach?.address ? (
        <>
          {/* The QR code went away while nobody looked: say why, not only offer a new one. */}
          {pairing && !paired ? <p role="status" className="text-sm">The link expired unused (each works for {Math.round((pairing.endsAt - pairing.shownAt) / 60_000)} minutes).</p> : null}
          {/* The devices known before the link tell the one that signs in with it: a link made before the list came took
              every device for the new one and showed "… is paired" instead of the link. */}
          <Button variant="primary" onClick={create} disabled={devices === null}>{pairing ? "Make a new pairing link" : "Show pairing QR code"}</Button>
        </>
      ) : null}
    </section>
  );
}
