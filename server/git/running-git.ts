/** What ends each git ChatML runs now (git and everything it started). */
const running = new Set<() => void>();
/** How many stopping servers want every git ended, including those that start from now on. */
let stoppers = 0;

/**
 * Registers a running git by what ends it; answers the function that forgets it once git is done. A git started while
 * a server stops past its grace is ended at once.
 * @example const forget = trackRunningGit(() => kill()); try { await done; } finally { forget(); }
 */
export function trackRunningGit(stop: () => void): () => void {
  running.add(stop);
  if (stoppers > 0) stop();
  return () => void running.delete(stop);
}

/**
 * Ends every git ChatML still runs, with its hooks, ssh and credential helpers, and every git started until `release`
 * is called: for a server that stops and will not wait any longer (the work it ended may try the next git step).
 * Answers how many were running.
 */
export function stopRunningGit(): { count: number; release: () => void } {
  stoppers++;
  const stops = [...running];
  for (const stop of stops) stop();
  let isReleased = false;
  const release = () => {
    if (!isReleased) stoppers--;
    isReleased = true;
  };
  return { count: stops.length, release };
}
