import { useState } from "react";

interface Picked<T> {
  value: T;
  /** The stored value when it was picked: the pick is shown until the stored value moves off it. */
  over: T;
  isSaved: boolean;
}

/**
 * A setting picked in a select, shown at once while it is saved (the select showed the old value until the server's
 * update came, then jumped). Refused, the select goes back to the stored value. Saved, the pick stays shown until the
 * stored value moves, as the update may come on the socket after the request's answer; a later change from another
 * device shows as it comes.
 */
export function usePick<T>(stored: T) {
  const [pick, setPick] = useState<Picked<T> | null>(null);
  // Adjusted while rendering, as React's docs do it: an effect would paint the pick over the newer value once.
  if (pick?.isSaved && stored !== pick.over) setPick(null);
  const save = async (value: T, saving: () => Promise<boolean>): Promise<void> => {
    const chosen: Picked<T> = { value, over: stored, isSaved: false };
    setPick(chosen);
    const isTaken = await saving();
    setPick((now) => (now !== chosen ? now : isTaken ? { ...chosen, isSaved: true } : null));
  };
  const isShown = pick !== null && !(pick.isSaved && stored !== pick.over);
  return { shown: isShown ? pick.value : stored, isSaving: pick !== null && !pick.isSaved, save };
}
