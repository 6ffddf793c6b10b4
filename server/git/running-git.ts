/** What ends each git ChatML runs now (git and everything it started). */
const running = new Set<() => void>();

/**
 * Registers a running git by what ends it; answers the function that forgets it once git is done.
 * @example const forget = trackRunningGit(() => kill()); try { await done; } finally { forget(); }
 */
export function trackRunningGit(stop: () => void): () => void {
  running.add(stop);
  return () => void running.delete(stop);
}

/**
 * Ends every git ChatML still runs, with its hooks, ssh and credential helpers: for a server that stops and will not
 * wait for them any longer. Answers how many there were.
 */
export function stopRunningGit(): number {
  const stops = [...running];
  for (const stop of stops) stop();
  return stops.length;
}
