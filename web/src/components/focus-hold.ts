import { useState } from "react";

/**
 * Whether a control turned off (`disabled`) while it has the focus is held: kept focusable, said unavailable
 * (`aria-disabled`) and deaf to input until the focus leaves it. A natively disabled control drops the focus to the
 * page, and a keyboard or screen-reader user had to find their place again from the top.
 * One that takes the focus as it mounts (`startsFocused`, its `autoFocus`) starts held: a disabled control could not take it.
 */
export function useFocusHold(disabled: boolean | undefined, startsFocused: boolean) {
  const [isFocused, setIsFocused] = useState(startsFocused);
  return { isHeld: Boolean(disabled) && isFocused, onFocus: () => setIsFocused(true), onBlur: () => setIsFocused(false) };
}
