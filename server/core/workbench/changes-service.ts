import { readFileSync, readlinkSync } from "node:fs";
import type { ChangedFile, ChangedPaths, ChangeList, ChangeScope, CommentSide, FileDiffSides } from "../../../shared/api/workbench.ts";
import type { SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { changedFilesBetween, MAX_LISTED_FILES, readAtRevision, readSubmoduleInWorktree, TOO_LARGE } from "../../git/changes.ts";
import { forkPoint, headOrEmptyTree, worktreeSnapshot } from "../../git/worktree-tree.ts";
import { gitAction } from "../../git/git-client.ts";
import { literalPathspecs } from "../../git/git.ts";
import { changedPaths } from "./changed-paths.ts";
import type { RefreshGitSoon } from "./refresh-git-soon.ts";
import type { TurnSnapshots } from "./turn-snapshots.ts";
import { imageSides, readSideBytes, sideSize, type SideSource } from "./side-bytes.ts";
import { looksBinary } from "./worktree-files.ts";
import { confineEntry, statIfPresent } from "./worktree-paths.ts";
import { requireFolder } from "../session-folder.ts";
import { decodeText, type TextEncodingName } from "../../lib/text-encoding.ts";

/** Sides larger than this are not sent to the diff viewer. */
const MAX_DIFF_SIDE_BYTES = 4 * 1024 * 1024;

type Range = { from: string; to: string | null; note: string | null };

/** Which of a scope's changed files a listing holds: see {@link ChangesService.list}. */
export type ListedFiles = { pathFilter?: string | null; file?: string | null; offset?: number };

/** The Changes panel's data: files that differ in a scope, and both sides of one of them for the diff viewer. */
export class ChangesService {
  constructor(private readonly deps: { session: (id: SessionId) => Session; turns: TurnSnapshots; refreshGitSoon: RefreshGitSoon }) {}

  /**
   * Puts a file deleted in `scope` back in the work tree as it was before the change. Uncommitted, its deletion is
   * undone in the index too (as if it never happened); deleted by a commit of the branch or the last turn, it comes
   * back as a change to commit, and history is left alone. A file at that path now is never overwritten.
   */
  async restoreDeleted(sessionId: SessionId, scope: ChangeScope, path: string): Promise<void> {
    const session = this.deps.session(sessionId);
    const { absolute, relative } = confineEntry(session.cwd, path);
    if (statIfPresent(absolute, true)) throw new AppError("conflict", `${relative} exists in the session again, so nothing was restored over it.`, { path: relative });
    const range = await this.range(session, scope);
    if (range === null) throw new AppError("not_found", "No turn has run in this session yet.");
    const where = scope === "uncommitted" ? ["--staged", "--worktree"] : ["--worktree"];
    await gitAction(session.cwd, ["restore", `--source=${range.from}`, ...where, "--", ...literalPathspecs([relative])]);
    this.deps.refreshGitSoon(sessionId, "a restore");
  }

  /**
   * Every changed file of a session in `scope`, untracked files included with real counts: 2,000 from `offset` (0: the
   * first), and how many there are. With `pathFilter`, only the files whose path (or a rename's old path) holds it, in
   * any case: how the files past the first 2,000 are found. With `file`, only the file at exactly that path.
   */
  async list(sessionId: SessionId, scope: ChangeScope, which: ListedFiles = {}): Promise<ChangeList> {
    return this.orGone(sessionId, () => this.listed(sessionId, scope, which));
  }

  private async listed(sessionId: SessionId, scope: ChangeScope, { pathFilter = null, file = null, offset = 0 }: ListedFiles): Promise<ChangeList> {
    const session = this.deps.session(sessionId);
    const filter = file === null ? pathFilter || null : null;
    const range = await this.range(session, scope);
    if (range === null) return { scope, from: null, note: "No turn has run in this session yet.", files: [], isTruncated: false, totalCount: 0, pathFilter: filter, offset };
    const live = range.to === null ? await worktreeSnapshot(session.cwd) : null;
    const files = await changedFilesBetween(session.cwd, range.from, range.to ?? live?.tree ?? "");
    const unrecorded = [...(live?.leftOut ?? []).map(tooLargeUntracked), ...(live?.newRepos ?? []).map(newRepository)];
    // In path order with the rest (git's, bytewise): appended, an 11 MB file came after every other, past page one.
    const all = unrecorded.length === 0 ? files : [...files, ...unrecorded].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    const matching = file === null ? filterByPath(all, filter) : all.filter((changed) => changed.path === file);
    const listed = matching.slice(offset, offset + MAX_LISTED_FILES);
    return { scope, from: range.from, note: range.note, files: listed, isTruncated: offset + listed.length < matching.length, totalCount: matching.length, pathFilter: filter, offset };
  }

  /** Every changed path of a session, uncommitted and since its base, for the Files tree's marks (not capped at 2,000). */
  async paths(sessionId: SessionId): Promise<ChangedPaths> {
    return this.orGone(sessionId, async () => {
      const session = this.deps.session(sessionId);
      requireFolder(session.cwd);
      return changedPaths(session.cwd, session.baseBranch ?? session.baseSha);
    });
  }

  /** Both sides of one file in `scope`: the old from git, the new from the turn's end or the disk. */
  async sides(sessionId: SessionId, scope: ChangeScope, path: string, oldPath: string | null = null): Promise<FileDiffSides> {
    const session = this.deps.session(sessionId);
    const { before: beforeSource, after: afterSource } = await this.sideSources(session, scope, path, oldPath);
    const { relative } = confineEntry(session.cwd, path);
    const old = await readAtRevision(session.cwd, beforeSource.rev, beforeSource.path, MAX_DIFF_SIDE_BYTES);
    const current: Awaited<ReturnType<typeof readAtRevision>> = afterSource.rev
      ? await readAtRevision(session.cwd, afterSource.rev, relative, MAX_DIFF_SIDE_BYTES)
      : { ...(await readWorkingSide(session.cwd, relative)), blobSize: undefined };
    // An image's size comes from the read above: git is not asked again for what it has just answered.
    const sized = [{ ...beforeSource, size: old.blobSize }, { ...afterSource, size: current.blobSize }] as const;
    const images = await imageSides(session.cwd, ...sized);
    const before = old.text;
    const after = current.text;
    const encoding = old.encoding === "windows-1252" || current.encoding === "windows-1252" ? "windows-1252" : "utf-8";
    const known = { path: relative, oldPath, isDeleted: after === null, images, sizes: null, encoding } as const;
    const isTooLarge = before === TOO_LARGE || after === TOO_LARGE;
    const isBinary = !isTooLarge && [before, after].some((text) => text?.includes("\0"));
    if (!isTooLarge && !isBinary) return { ...known, before: before as string | null, after: after as string | null, isBinary: false, isTooLarge: false };
    // Not shown as lines: what changed is at least said, each side's size.
    const [sizeBefore, sizeAfter] = await Promise.all(sized.map((source) => sideSize(session.cwd, source)));
    return { ...known, before: null, after: null, isBinary, isTooLarge, sizes: { before: sizeBefore ?? null, after: sizeAfter ?? null }, encoding: "utf-8" };
  }

  /**
   * One side of a file in `scope` as bytes: an image's, to show it, or a deleted or binary file's as it was, to
   * download it.
   */
  async sideBytes(sessionId: SessionId, scope: ChangeScope, path: string, oldPath: string | null, side: CommentSide): Promise<{ bytes: Uint8Array; path: string }> {
    const session = this.deps.session(sessionId);
    const sources = await this.sideSources(session, scope, path, oldPath);
    const source = side === "old" ? sources.before : sources.after;
    return { bytes: await readSideBytes(session.cwd, source, side === "old" ? "before the change" : "after the change"), path: source.path };
  }

  /** Where a file's two sides are read in `scope` (a renamed file's old side under its old name). */
  private async sideSources(session: Session, scope: ChangeScope, path: string, oldPath: string | null): Promise<{ before: SideSource & { rev: string }; after: SideSource }> {
    // A symbolic link is diffed as git records it, by its text, not as the file it points at.
    const { relative } = confineEntry(session.cwd, path);
    const oldRelative = oldPath === null ? null : confineEntry(session.cwd, oldPath).relative;
    const range = await this.range(session, scope);
    if (range === null) throw new AppError("not_found", "No turn has run in this session yet.");
    return { before: { rev: range.from, path: oldRelative ?? relative }, after: { rev: range.to, path: relative } };
  }

  /**
   * Runs a read of the session's work tree; when it fails because the session was deleted (or its folder removed)
   * meanwhile, says that instead of git's "cannot change to …".
   */
  private async orGone<T>(sessionId: SessionId, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      requireFolder(this.deps.session(sessionId).cwd);
      throw error;
    }
  }

  private async range(session: Session, scope: ChangeScope): Promise<Range | null> {
    requireFolder(session.cwd);
    if (scope === "uncommitted") return { from: await headOrEmptyTree(session.cwd), to: null, note: null };
    if (scope === "turn") {
      const turn = await this.deps.turns.get(session.id);
      if (!turn) return null;
      const note = turn.end ? null : turn.isCut ? "The server stopped during this turn; showing what changed since it started." : "The turn is still running.";
      return { from: turn.start, to: turn.end, note };
    }
    const base = session.baseBranch ?? session.baseSha;
    if (!base) return { from: await headOrEmptyTree(session.cwd), to: null, note: "This session has no base branch; showing uncommitted changes." };
    return { from: await forkPoint(session.cwd, base), to: null, note: null };
  }
}

type WorkingSide = { text: string | null | typeof TOO_LARGE; encoding: TextEncodingName };

/** The work tree's side of a file as text, and how its bytes were read (see {@link decodeText}). */
async function readWorkingSide(root: string, path: string): Promise<WorkingSide> {
  const { absolute, relative } = confineEntry(root, path);
  const stat = statIfPresent(absolute, true);
  const asIs = (text: WorkingSide["text"]): WorkingSide => ({ text, encoding: "utf-8" });
  if (!stat) return asIs(null);
  if (stat.isSymbolicLink()) return asIs(readlinkSync(absolute, "utf8"));
  // A folder in the changes is a submodule (or a repository inside the worktree): shown as the commit it is at.
  if (stat.isDirectory()) return asIs(await readSubmoduleInWorktree(root, relative));
  if (stat.size > MAX_DIFF_SIDE_BYTES) return asIs(TOO_LARGE);
  const bytes = readFileSync(absolute);
  return looksBinary(bytes) ? asIs("\0") : decodeText(bytes);
}

/** An untracked file the snapshot left out for its size: listed as new, without counts (its diff says too large). */
function tooLargeUntracked(path: string): ChangedFile {
  return { path, oldPath: null, change: "added", additions: null, deletions: null, isBinary: false, isTooLarge: true, oldMode: null, newMode: "100644", isUntracked: true, isStaged: false, isUnstaged: true };
}

/** A repository inside the work tree with no commit yet: new, as the header counts it, with nothing to diff. */
function newRepository(path: string): ChangedFile {
  return { path, oldPath: null, change: "added", additions: 0, deletions: 0, isBinary: false, isTooLarge: false, oldMode: null, newMode: "160000", isUntracked: true, isStaged: false, isUnstaged: true };
}

/** The files whose path or old path holds `part`, in any case; all of them without one. */
function filterByPath(files: ChangedFile[], part: string | null): ChangedFile[] {
  if (part === null) return files;
  const wanted = part.toLowerCase();
  return files.filter((file) => file.path.toLowerCase().includes(wanted) || (file.oldPath?.toLowerCase().includes(wanted) ?? false));
}
