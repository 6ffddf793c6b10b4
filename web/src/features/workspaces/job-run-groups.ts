import type { Session } from "../../../../shared/index.ts";
import { foldRuns } from "../../lib/fold-runs.ts";

/** A row of a workspace's session list: a session, or a job's runs folded into their latest (ADR 0064). */
export type SessionTreeItem = { kind: "session"; session: Session } | { kind: "job"; jobId: string; latest: Session; earlier: Session[] };

/**
 * Folds the sessions a job's runs made (each run is a session, ADR 0064) into one item per job, where its most
 * recently active run sits in `sessions`' order: the latest run shown, the earlier ones behind it. A pinned run
 * session stays a row of its own (the user chose to keep it in sight); a job with one run is a plain row.
 * @example foldJobRuns([run3, mine, run2, run1]) // [{ kind: "job", latest: run3, earlier: [run2, run1] }, { kind: "session", session: mine }]
 */
export function foldJobRuns(sessions: readonly Session[]): SessionTreeItem[] {
  return foldRuns(sessions, (session) => session.isPinned).map((item) => ("single" in item ? { kind: "session", session: item.single } : { kind: "job", ...item }));
}
