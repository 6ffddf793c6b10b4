import { runGit } from "./git.ts";

/** A session's latest turn as recorded in the repository: the work tree's tree at its start and (once over) its end. */
export type RecordedTurn = { conversationId: string; start: string; end: string | null };

const COMMITTER = { GIT_AUTHOR_NAME: "ChatML", GIT_AUTHOR_EMAIL: "chatml@localhost", GIT_COMMITTER_NAME: "ChatML", GIT_COMMITTER_EMAIL: "chatml@localhost" };
const prefix = (sessionId: string) => `refs/chatml/turns/${sessionId}`;

/**
 * Records the tree at a turn's start or end under `refs/chatml/turns/<session>/<side>`, wrapped in a commit whose
 * subject is the conversation id: the ref keeps the tree from gc and survives a restart. A new start drops the
 * previous turn's end.
 */
export async function recordTurnTree(cwd: string, sessionId: string, side: "start" | "end", tree: string, conversationId: string): Promise<void> {
  const commit = await runGit(cwd, ["commit-tree", tree, "-m", conversationId], { env: COMMITTER });
  if (commit.code !== 0) throw new Error(`git commit-tree failed: ${commit.stderr.trim()}`);
  // One transaction: a start and the previous end's removal land together.
  const updates = [`update ${prefix(sessionId)}/${side} ${commit.stdout.trim()}`, ...(side === "start" ? [`delete ${prefix(sessionId)}/end`] : [])];
  const updated = await runGit(cwd, ["update-ref", "--stdin"], { input: `${updates.join("\n")}\n` });
  if (updated.code !== 0) throw new Error(`git update-ref failed: ${updated.stderr.trim()}`);
}

/** The session's latest recorded turn, or null when none was recorded (or the refs are unreadable). */
export async function readRecordedTurn(cwd: string, sessionId: string): Promise<RecordedTurn | null> {
  const result = await runGit(cwd, ["for-each-ref", "--format=%(refname:lstrip=-1)%00%(tree)%00%(contents:subject)", `${prefix(sessionId)}/`]);
  if (result.code !== 0) return null;
  const sides = new Map<string, { tree: string; conversationId: string }>();
  for (const line of result.stdout.split("\n").filter(Boolean)) {
    const [side = "", tree = "", conversationId = ""] = line.split("\0");
    sides.set(side, { tree, conversationId });
  }
  const start = sides.get("start");
  if (!start) return null;
  const end = sides.get("end");
  return { conversationId: start.conversationId, start: start.tree, end: end?.conversationId === start.conversationId ? end.tree : null };
}
