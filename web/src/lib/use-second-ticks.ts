import { useEffect, useState } from "react";

/** The current time (epoch ms), refreshed once a second while `isTicking`, for clocks and countdowns. */
export function useSecondTicks(isTicking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isTicking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isTicking]);
  return now;
}
