/** A job's runs folded into one: the latest, and the earlier ones behind it, newest first. */
export type FoldedRuns<T> = { jobId: string; latest: T; earlier: T[] };

/**
 * Folds what a job's runs made (sessions, or conversations in one session) into one group per job, at the place of
 * its first in `items`' order; an item without a job, one that `standsAlone` (pinned, closed), and a job with a single
 * run stay items of their own.
 */
export function foldRuns<T extends { jobId: string | null; createdAt: number }>(items: readonly T[], standsAlone: (item: T) => boolean): ({ single: T } | FoldedRuns<T>)[] {
  const runsOf = new Map<string, T[]>();
  const folded: ({ single: T } | { jobId: string })[] = [];
  for (const item of items) {
    const { jobId } = item;
    if (!jobId || standsAlone(item)) {
      folded.push({ single: item });
      continue;
    }
    const runs = runsOf.get(jobId);
    if (runs) runs.push(item);
    else {
      runsOf.set(jobId, [item]);
      folded.push({ jobId });
    }
  }
  return folded.map((entry) => {
    if ("single" in entry) return entry;
    const [latest, ...earlier] = [...(runsOf.get(entry.jobId) ?? [])].sort((a, b) => b.createdAt - a.createdAt);
    return earlier.length === 0 ? { single: latest! } : { jobId: entry.jobId, latest: latest!, earlier };
  });
}
