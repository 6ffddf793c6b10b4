import { useState } from "react";
import { isUnreachableMessage, REACHABLE_AGAIN } from "../lib/unreachable.ts";
import { useConnectionStore } from "../stores/connection-store.ts";

/**
 * An error line announced to screen readers; renders nothing without a message. An error saying the server could not
 * be reached changes once the page has reconnected since it appeared: still true that the action was not done, no
 * longer true that the server cannot be reached. `id`: for the `aria-describedby` of the field it is about.
 */
export function ErrorText({ message, className = "", id }: { message: string | null; className?: string; id?: string }) {
  // Reached again: reopened, or (a short loss of network) the open socket answered once the device was back online.
  const opens = useConnectionStore((s) => s.opens + s.reaches);
  // The socket's open count when this message appeared (a new message, or the same text after a null, starts again):
  // state kept from an earlier render, as React's docs do it.
  const [shownAt, setShownAt] = useState({ message, opens });
  if (shownAt.message !== message) setShownAt({ message, opens });
  if (!message) return null;
  const since = shownAt.message === message ? shownAt.opens : opens;
  const text = isUnreachableMessage(message) && opens > since ? REACHABLE_AGAIN : message;
  return (
    <p role="alert" id={id} className={`text-sm text-red-700 dark:text-red-400 ${className}`}>
      {text}
    </p>
  );
}
