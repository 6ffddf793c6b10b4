/**
 * What a screen reader is told as it changes (a polite live region), kept apart from a line that ticks each second:
 * as the live region itself, "Working · 12s" or "retrying in 0:06" was read out again every second. Unseen; the
 * ticking line stays on screen and readable, only not announced.
 * @example <LiveWords text="Claude is working" />
 */
export function LiveWords({ text }: { text: string }) {
  return (
    <p role="status" className="sr-only">
      {text}
    </p>
  );
}
