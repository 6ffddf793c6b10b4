/**
 * The commits of sends that land together, one per turn of the event loop (ADR 0207). Twenty sends at once each
 * commit their message and status and publish their frames (~1 ms of CPU each); in one check phase that held the
 * loop for ~20 ms while the CLIs' first lines, which the prompts written just before had started, waited behind
 * them. One a turn, the loop reads what arrived in between, so a CLI's first deltas wait for one commit at most.
 * A CLI line of a conversation whose commit still waits flushes it first (its committer keeps the order), so its
 * turn in the queue then finds nothing to commit.
 */
const waiting: (() => void)[] = [];
let isScheduled = false;

/** Runs `commit` in a later check phase, after the sends' commits queued before it; resolves once it ran. */
export function commitInItsTurn(commit: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    waiting.push(() => {
      try {
        commit();
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    if (!isScheduled) schedule();
  });
}

function schedule(): void {
  isScheduled = true;
  setImmediate(commitNext);
}

/** One commit; the next goes in the next check phase, behind whatever this one's publishing scheduled there. */
function commitNext(): void {
  isScheduled = false;
  waiting.shift()?.();
  if (waiting.length > 0) schedule();
}
