import { AppError } from "../../shared/protocol/errors.ts";
import { gitError, literalPathspecs, readGit, runGitBytes } from "./git.ts";
import { gitAction } from "./git-client.ts";
import { FIND_RENAMES } from "./renames.ts";
import { hunkPatch, parseFileDiff, parseFileHunk, pickedHunk, renamedHunkPatch, type DiffHunk, type FileDiff } from "./hunks.ts";
import { unquoteGitPath } from "./quoted-path.ts";
import { shownDiff, shownHeader, utf8Line, type ShownFileDiff } from "./shown-diff.ts";
import { worktreeTree } from "./worktree-tree.ts";

/** What a hunk operation does: stage it (from the work tree), unstage it (from the index), or discard it. */
export type HunkAction = "stage" | "unstage" | "discard";
/**
 * Which hunk: its index and the header the caller saw, so a diff that changed meanwhile is refused, not misapplied;
 * `oldPath` when the file is a rename the Git panel shows as one entry; `lines` to act on only these changed lines of
 * it (positions in the hunk's lines, its header being 0).
 */
export type HunkRef = { path: string; oldPath?: string | null; index: number; header: string; lines?: number[] };

/**
 * One file's diff: staged (index against HEAD) or unstaged (work tree against index), as the user reads it (see
 * {@link shownDiff}). A hardened read: a textconv filter would also make the hunks it answers unusable as patches of
 * the real bytes. With `oldPath` (a rename), the diff from the old path to the new one: only what changed besides the
 * move, not the whole file as added.
 */
export async function readFileDiff(cwd: string, path: string, isStaged: boolean, oldPath: string | null = null): Promise<ShownFileDiff> {
  return shownDiff(await readBytesDiff(cwd, path, isStaged, oldPath, parseFileDiff));
}

/** How a file's diff text is split: every hunk (parseFileDiff), or one (parseFileHunk). */
type DiffParser<T extends FileDiff> = (path: string, text: string) => T;

/**
 * The diff read one character per byte (see {@link bytesView}), to build a patch of it: a patch so built is written
 * back byte for byte.
 */
async function readBytesDiff<T extends FileDiff>(cwd: string, path: string, isStaged: boolean, oldPath: string | null, parse: DiffParser<T>): Promise<T> {
  if (oldPath !== null && oldPath !== path) {
    const renamed = await readRenameDiff(cwd, oldPath, path, isStaged, parse);
    if (renamed) return renamed;
  }
  const args = ["diff", "--no-color", "--no-renames", "-U3", ...(isStaged ? ["--cached"] : []), "--", ...literalPathspecs([path])];
  const diff = parse(path, bytesView(await readDiff(cwd, args)));
  const isNothing = diff.headerLines.length === 0 && diff.hunks.length === 0;
  return (isNothing && !isStaged && (await readUntrackedDiff(cwd, path, parse))) || diff;
}

/**
 * An untracked file's lines as one added hunk (its diff against nothing), null when it is not untracked. Git's own
 * diff has no hunks for it, and the panel said "No line changes" of a new file of 300 lines. As a new-file patch, its
 * hunk (or lines of it) stages like any other: the file is added with those lines.
 */
async function readUntrackedDiff<T extends FileDiff>(cwd: string, path: string, parse: DiffParser<T>): Promise<T | null> {
  const untracked = await readGit(cwd, ["ls-files", "--others", "--exclude-standard", "-z", "--", ...literalPathspecs([path])]);
  if (!untracked.split("\0").includes(path)) return null;
  const args = ["diff", "--no-index", "--no-color", "-U3", "--", "/dev/null", path];
  const result = await runGitBytes(cwd, args);
  // Exit 1: the two differ, as a new file does from nothing.
  if (result.code !== 0 && result.code !== 1) throw gitError(args, { ...result, stdout: "" }, "conflict");
  return { ...parse(path, bytesView(result.stdout)), isNew: true };
}

/**
 * The bytes as a string of one character per byte. Read as UTF-8 instead, a Latin-1 file's `é` became `\uFFFD`, and
 * staging its hunk wrote that into the index.
 */
const bytesView = (bytes: Uint8Array): string => Buffer.from(bytes).toString("latin1");

async function readDiff(cwd: string, args: string[]): Promise<Uint8Array> {
  const result = await runGitBytes(cwd, args);
  if (result.code !== 0) throw gitError(args, { ...result, stdout: "" }, "conflict");
  return result.stdout;
}

/**
 * The diff of a rename, staged (HEAD → index) or not (index → the work tree with its untracked files); null when git
 * no longer pairs the two paths (the files changed meanwhile): then each is its own file again.
 */
async function readRenameDiff<T extends FileDiff>(cwd: string, oldPath: string, path: string, isStaged: boolean, parse: DiffParser<T>): Promise<T | null> {
  const range = isStaged ? ["--cached"] : ["--cached", "-R", await worktreeTree(cwd)];
  const bytes = await readDiff(cwd, ["diff", "--no-color", FIND_RENAMES, "-U3", ...range, "--", ...literalPathspecs([oldPath, path])]);
  const diff = parse(path, bytesView(bytes));
  // The header names the file as git prints it: quoted when it holds a quote, a backslash, a tab… (and read as UTF-8).
  const renamedTo = diff.headerLines.map(utf8Line).filter((line) => line.startsWith("rename to "));
  const isRenamedHere = renamedTo.some((line) => unquoteGitPath(line.slice("rename to ".length)) === path);
  const isOneRename = diff.headerLines.filter((line) => line.startsWith("diff --git ")).length === 1 && isRenamedHere;
  return isOneRename ? { ...diff, oldPath } : null;
}

/** Stages whole files (new, changed or deleted). */
export async function stagePaths(cwd: string, paths: string[]): Promise<void> {
  await gitAction(cwd, ["add", "--all", "--", ...literalPathspecs(paths)]);
}

/** Stages every change of the work tree, also those past the panel's listed first 1,000. */
export async function stageAll(cwd: string): Promise<void> {
  await gitAction(cwd, ["add", "--all"]);
}

/** Unstages everything staged (the work tree keeps the changes). Works before the first commit too. */
export async function unstageAll(cwd: string): Promise<void> {
  const hasHead = await gitAction(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]).then(() => true, () => false);
  await gitAction(cwd, hasHead ? ["reset", "--quiet", "HEAD"] : ["rm", "--cached", "--quiet", "-r", "--ignore-unmatch", "--", "."]);
}

/** Unstages whole files (the work tree keeps the changes). Works before the first commit too. */
export async function unstagePaths(cwd: string, paths: string[]): Promise<void> {
  const hasHead = await gitAction(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]).then(() => true, () => false);
  await gitAction(cwd, hasHead ? ["reset", "--quiet", "HEAD", "--", ...literalPathspecs(paths)] : ["rm", "--cached", "--quiet", "-r", "--", ...literalPathspecs(paths)]);
}

/**
 * Throws away unstaged changes of whole files: tracked files go back to their staged (or committed) content,
 * untracked files are deleted. Staged changes stay. The repository's hooks do not run.
 */
export async function discardPaths(cwd: string, paths: string[]): Promise<void> {
  const untracked = (await readGit(cwd, ["ls-files", "--others", "--exclude-standard", "-z", "--", ...literalPathspecs(paths)])).split("\0").filter(Boolean);
  const tracked = paths.filter((path) => !untracked.includes(path));
  // Hooks off: `git checkout -- paths` runs post-checkout, and a discard is not a checkout the user meant to hook (an
  // `npm install` there, or a hook that hangs, held the discard and the repository's lock).
  if (tracked.length > 0) await gitAction(cwd, ["checkout", "--", ...literalPathspecs(tracked)], { isHookless: true });
  if (untracked.length > 0) await gitAction(cwd, ["clean", "--force", "--quiet", "--", ...literalPathspecs(untracked)]);
}

/**
 * Stages, unstages or discards one hunk by applying its patch: `git apply --cached` stages a hunk of the unstaged
 * diff, `--cached --reverse` unstages a hunk of the staged diff, `--reverse` discards a hunk of the unstaged diff.
 * A rename's hunk: staging it stages the move with that hunk; unstaging or discarding it changes only the new path's
 * lines (the move itself stays staged, or stays on disk).
 */
export async function applyHunk(cwd: string, ref: HunkRef, action: HunkAction): Promise<void> {
  const diff = await readBytesDiff(cwd, ref.path, action === "unstage", ref.oldPath ?? null, (path, text) => parseFileHunk(path, text, ref.index));
  const hunk = diff.hunks[0];
  // The header the caller saw was read as text, the way shownDiff reads it.
  if (!hunk || shownHeader(hunk.header, diff.hunksText) !== ref.header) {
    throw new AppError("conflict", `The diff of ${ref.path} changed since it was shown; it is shown again as it is now.`, { path: ref.path });
  }
  if (hunk.header.startsWith("@@@")) {
    // A file in conflict diffs as a combined diff (`@@@`), which git apply takes no hunk of ("No valid patches in input").
    throw new AppError("bad_request", `${ref.path} is in conflict: fix its conflict markers, then mark it resolved; git stages or discards no hunk of it alone.`, { path: ref.path });
  }
  if (diff.isNew && action === "discard" && ref.lines) {
    // Its lines picked apart from the rest are no patch git applies to a file it does not track.
    throw new AppError("bad_request", `${ref.path} is a new file git does not track: discard it whole, or edit out the lines you do not want.`, { path: ref.path });
  }
  const flags = { stage: ["--cached"], unstage: ["--cached", "--reverse"], discard: ["--reverse"] }[action];
  const cut = ref.lines ? { ...diff, hunks: [pickedHunk(hunk, pickedLines(hunk, ref), action !== "stage")] } : diff;
  const patch = diff.oldPath && action !== "stage" ? renamedHunkPatch(cut, 0) : hunkPatch(cut, 0);
  await gitAction(cwd, ["apply", ...flags, "--whitespace=nowarn", "-"], { stdin: Buffer.from(patch, "latin1") });
}

/** The changed lines a hunk operation is limited to; a line that is not one (context, the header, past the end) is refused. */
function pickedLines(hunk: DiffHunk, ref: HunkRef): Set<number> {
  const { lines } = hunk;
  const picked = new Set(ref.lines);
  const isChange = (at: number) => at > 0 && (lines[at]?.startsWith("+") || lines[at]?.startsWith("-"));
  if (picked.size === 0 || ![...picked].every(isChange)) throw new AppError("bad_request", `Pick one or more added or removed lines of hunk ${ref.index + 1} of ${ref.path}.`, { path: ref.path });
  return picked;
}
