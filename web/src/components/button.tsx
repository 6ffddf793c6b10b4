import type { ButtonHTMLAttributes, Ref } from "react";
import { useFocusHold } from "./focus-hold.ts";

type Variant = "primary" | "secondary" | "danger" | "ghost";

// `aria-disabled:` beside `disabled:`: a focused button turned off keeps its focus with the same look (see Button).
const VARIANTS: Record<Variant, string> = {
  primary:
    "bg-accent text-white hover:bg-accent-strong disabled:bg-stone-400 aria-disabled:bg-stone-400 dark:disabled:bg-stone-700 dark:aria-disabled:bg-stone-700",
  secondary:
    "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-stone-400 aria-disabled:bg-stone-400",
  ghost: "text-stone-700 hover:bg-stone-200/70 dark:text-stone-300 dark:hover:bg-stone-800",
};

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; ref?: Ref<HTMLButtonElement> };

/** A button's look (44 px touch target, its variant's colours), also worn by a link that goes to a screen from among buttons. */
export function buttonLook(variant: Variant, className = ""): string {
  return `inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-lg px-3 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-not-allowed aria-disabled:opacity-70 ${VARIANTS[variant]} ${className}`;
}

/** A button with a 44 px touch target that keeps the focus when it turns itself off (see `BareButton`). */
export function Button({ variant = "secondary", className = "", ...rest }: ButtonProps) {
  return <BareButton {...rest} className={buttonLook(variant, className)} />;
}

/**
 * A `<button>` with no look of its own, for controls drawn otherwise (message actions, links in a row).
 *
 * Turned off while it has the focus (as Push or Send review turn themselves off while their action runs), it
 * stays focusable, said unavailable (`aria-disabled`) and deaf to clicks, until the focus leaves it (`useFocusHold`).
 */
export function BareButton({ type = "button", disabled, onClick, onFocus, onBlur, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { ref?: Ref<HTMLButtonElement> }) {
  const hold = useFocusHold(disabled, rest.autoFocus === true);
  const isHeld = hold.isHeld;
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled && !isHeld}
      // Kept when the caller says so itself (an archived session's Retry says why it does nothing).
      aria-disabled={isHeld || rest["aria-disabled"] || undefined}
      // preventDefault: a held submit button must not submit its form either.
      onClick={isHeld ? (e) => e.preventDefault() : onClick}
      onFocus={(e) => (hold.onFocus(), onFocus?.(e))}
      onBlur={(e) => (hold.onBlur(), onBlur?.(e))}
    />
  );
}
