import { useConnectionStore } from "../../stores/connection-store.ts";

/** A thin banner while the socket is down, so stale screens are never mistaken for live ones. */
export function ConnectionBanner() {
  const socket = useConnectionStore((s) => s.socket);
  const detail = useConnectionStore((s) => s.detail);
  const fatal = useConnectionStore((s) => s.fatal);
  if (fatal) {
    return (
      <div role="alert" className="bg-red-600 px-3 py-1.5 text-center text-xs text-white">
        {fatal}
      </div>
    );
  }
  if (socket === "open") return null;
  const text = socket === "connecting" ? "Connecting…" : `Offline — reconnecting${detail ? ` (${detail})` : ""}`;
  return (
    <div role="status" className="bg-amber-100 px-3 py-1.5 text-center text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      {text}
    </div>
  );
}
