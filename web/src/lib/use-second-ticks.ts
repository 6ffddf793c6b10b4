import { useEffect, useState } from "react";

/** The current time (epoch ms), refreshed once a second while `isTicking`, for clocks and countdowns. */
export function useSecondTicks(isTicking = true): number {
  return useClock(1000, isTicking);
}

/** The current time (epoch ms), refreshed every `everyMs` while `isTicking` (a minute for "5 min ago" labels). */
export function useClock(everyMs: number, isTicking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return;
    // Ticking again after a pause (a lost connection) starts from the time now at once, not a tick later from where it paused.
    const resume = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => {
      clearTimeout(resume);
      clearInterval(timer);
    };
  }, [everyMs, isTicking]);
  return now;
}
