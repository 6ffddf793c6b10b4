import type { Ref, SelectHTMLAttributes } from "react";
import { useFocusHold } from "./focus-hold.ts";

/**
 * A `<select>` that keeps the focus when it turns itself off, as `BareButton` does: the session's Model, Effort and
 * Permission mode turn off while a change is saved, and a disabled select dropped the focus to the page. Held, it is
 * said unavailable (`aria-disabled`) and a change made meanwhile is ignored (a controlled select shows its value again).
 */
export function HeldSelect({ disabled, onChange, onFocus, onBlur, className = "", ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  const hold = useFocusHold(disabled, rest.autoFocus === true);
  return (
    <select
      {...rest}
      disabled={disabled && !hold.isHeld}
      aria-disabled={hold.isHeld || rest["aria-disabled"] || undefined}
      onChange={hold.isHeld ? () => {} : onChange}
      onFocus={(e) => (hold.onFocus(), onFocus?.(e))}
      onBlur={(e) => (hold.onBlur(), onBlur?.(e))}
      className={`disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-not-allowed aria-disabled:opacity-70 ${className}`}
    />
  );
}
