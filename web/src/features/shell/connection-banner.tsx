import { CloseIcon } from "../../components/icons.tsx";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";

/** A thin banner while the socket is down, so stale screens are never mistaken for live ones. */
export function ConnectionBanner() {
  const socket = useConnectionStore((s) => s.socket);
  const detail = useConnectionStore((s) => s.detail);
  const fatal = useConnectionStore((s) => s.fatal);
  // A page whose build is gone from the server: the update banner says what to do, "reconnecting" would be untrue.
  const isStale = useConnectionStore((s) => s.updateAvailable?.change === "stale");
  if (fatal) {
    return (
      <div role="alert" className="bg-red-600 px-3 py-1.5 text-center text-xs text-white first:pt-[calc(env(safe-area-inset-top)+0.375rem)]">
        {fatal}
      </div>
    );
  }
  if (socket === "open" || isStale) return null;
  const text = socket === "connecting" ? "Connecting…" : `Offline — reconnecting${detail ? ` (${detail})` : ""}`;
  return (
    <div role="status" className="bg-amber-100 px-3 py-1.5 text-center text-xs text-amber-900 first:pt-[calc(env(safe-area-inset-top)+0.375rem)] dark:bg-amber-950 dark:text-amber-200">
      {text}
    </div>
  );
}

/** The outcome of an action whose screen is gone (a deleted session), for a few seconds or until dismissed. */
export function NoticeBanner() {
  const notice = useUiStore((s) => s.notice);
  if (!notice) return null;
  return (
    <div role="status" className="flex items-center gap-2 bg-emerald-50 px-3 text-sm text-emerald-900 first:pt-[env(safe-area-inset-top)] dark:bg-emerald-950 dark:text-emerald-100">
      <p className="min-w-0 flex-1 py-2">{notice}</p>
      <button type="button" aria-label="Dismiss" onClick={() => useUiStore.getState().showNotice(null)} className="flex size-11 items-center justify-center rounded-lg hover:bg-emerald-100 dark:hover:bg-emerald-900">
        <CloseIcon width={16} height={16} />
      </button>
    </div>
  );
}
