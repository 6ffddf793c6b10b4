import { z } from "zod";
import { SessionId } from "../ids.ts";
import { lazySchema } from "../lazy-schema.ts";

/** A path inside the session's work tree, as git prints it (relative, forward slashes). */
const repoPath = lazySchema(() => z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), { message: "must be a path inside the work tree" }));

/** Files to stage, unstage or discard. */
export const GitPathsInput = lazySchema(() => z.object({ paths: z.array(repoPath).min(1).max(1000) }));
export type GitPathsInput = z.infer<typeof GitPathsInput>;

/** One hunk to stage, unstage or discard: the header the user saw guards against a diff that changed meanwhile. */
export const GitHunkInput = lazySchema(() => z.object({
  path: repoPath,
  /** The path a renamed file came from, as its Git panel entry says: the hunk is one of the rename's diff. */
  oldPath: repoPath.optional(),
  index: z.number().int().nonnegative(),
  header: z.string().min(1).max(500),
  action: z.enum(["stage", "unstage", "discard"]),
  /** Only these added or removed lines of the hunk (positions in its lines, the `@@` header being 0); all when left out. */
  lines: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
}));
export type GitHunkInput = z.infer<typeof GitHunkInput>;

/** The diff of one file, staged or unstaged; of a rename from `oldPath` when its entry is one. */
export const GitDiffQuery = lazySchema(() => z.object({ path: repoPath, oldPath: repoPath.optional(), staged: z.enum(["true", "false"]).default("false") }));

export const GitCommitInput = lazySchema(() => z.object({
  message: z.string().trim().min(1, "write a commit message").max(20_000),
  /** Replace the last commit (with what is staged, and this message). */
  isAmend: z.boolean().default(false),
}));
export type GitCommitInput = z.infer<typeof GitCommitInput>;

/**
 * Push the session's branch. `isForce` replaces origin's copy when the two have diverged (after an amend or a rebase),
 * with a lease: only if origin still has what this clone last saw.
 */
export const GitPushInput = lazySchema(() => z.object({ isForce: z.boolean().default(false) }));
export type GitPushInput = z.infer<typeof GitPushInput>;

/**
 * Bring in new commits: from the base branch (fetched from origin first when there is one) or from the branch's own
 * upstream, by rebasing onto them or merging them in.
 */
export const GitIntegrateInput = lazySchema(() => z.object({ mode: z.enum(["rebase", "merge"]), from: z.enum(["base", "upstream"]).default("base") }));
export type GitIntegrateInput = z.infer<typeof GitIntegrateInput>;

/** How many commits of the history to answer. */
export const GitLogQuery = lazySchema(() => z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }));

/** A session's commit, named by its full or abbreviated sha (never a ref or an expression). */
export const GitCommitParam = lazySchema(() => z.object({ id: SessionId, sha: z.string().regex(/^[0-9a-f]{4,64}$/, "a commit sha (hex)") }));

/** Puts the work tree's changes aside: with a message (git's "WIP on …" without one), untracked files too if asked. */
export const GitStashInput = lazySchema(() => z.object({ message: z.string().trim().max(500).default(""), includeUntracked: z.boolean().default(false) }));
export type GitStashInput = z.infer<typeof GitStashInput>;
/** A stash named by its commit, not its index: an index moves when another device stashes or drops meanwhile. */
export const GitStashParam = lazySchema(() => z.object({ id: SessionId, sha: z.string().regex(/^[0-9a-f]{40,64}$/, "a stash's full commit sha (hex)") }));
/** Applies a stash; `pop` drops it too once it applied cleanly (git keeps it on a conflict). */
export const GitStashApplyInput = lazySchema(() => z.object({ pop: z.boolean().default(false) }));
