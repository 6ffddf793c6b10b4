import { readdirSync, readFileSync } from "node:fs";

/** What a one-shot CLI's argv carries and a conversation's never does (server/core/one-shots/one-shot-cli.ts). */
const ONE_SHOT_FLAG = "--no-session-persistence";

/** The server's children (their guards, ADR 0008) running a one-shot CLI now: titles, summaries (Linux /proc). */
function runningOneShots(serverPid: number): number {
  let count = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the second field after the command's closing parenthesis (a command may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== serverPid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(ONE_SHOT_FLAG)) count++;
    } catch {
      // Gone between the listing and the read: it is not running.
      continue;
    }
  }
  return count;
}

/**
 * Waits until the server has run no one-shot CLI for `quietMs` (a lane starts the next as one ends, after an await, so
 * one empty look is not enough), at most `timeoutMs`: the titles a warm-up's first messages asked for run then, not
 * into the timed turns (the floor has none). Answers how long it waited, and says so when it gave up.
 */
export async function waitOneShotsEnded(serverPid: number, { quietMs = 1000, timeoutMs = 60_000 } = {}): Promise<number> {
  const start = Date.now();
  let quietSince = start;
  for (;;) {
    const now = Date.now();
    if (runningOneShots(serverPid) > 0) quietSince = now;
    else if (now - quietSince >= quietMs) return now - start;
    if (now - start > timeoutMs) {
      console.warn(`[bench] one-shot CLIs still running after ${timeoutMs / 1000} s: the timed turns start beside them`);
      return now - start;
    }
    await Bun.sleep(50);
  }
}
