import { runGit } from "../../server/git/index.ts";
import type { FakeRepo } from "./fake-repo.ts";
import type { PullShape } from "./shapes.ts";

/** What branch protection of the base branch asks before a merge (GitHub's required checks, reviews, up to date). */
export type Protection = { requiredChecks: string[]; requiredApprovals: number; isStrict: boolean };

/**
 * A pull request's `mergeable` and `mergeable_state` as GitHub works them out. GitHub computes them in the background
 * after the PR opens or either branch moves: until then it answers `mergeable: null` and `unknown`, and it starts
 * the work on that read. Then: `dirty` (conflicts), `draft`, `blocked` (a required check not passed, or reviews
 * missing), `behind` (strict protection, the base moved on), `unstable` (a check that is not required failed or
 * runs), else `clean`.
 */
export class Mergeability {
  /** Per PR, the head and base shas the answer was worked out for. */
  private readonly computedFor = new Map<number, string>();

  constructor(private readonly repo: FakeRepo) {}

  /** Fills in the PR's mergeability as GitHub would answer it now. */
  async read(pull: PullShape): Promise<PullShape> {
    if (pull.state !== "open") return pull;
    const base = (await this.repo.branchSha(pull.base.ref)) ?? pull.base.sha;
    const heads = `${pull.head.sha} ${base}`;
    if (this.computedFor.get(pull.number) !== heads) {
      this.computedFor.set(pull.number, heads);
      return Object.assign(pull, { mergeable: null, mergeable_state: "unknown" });
    }
    const isConflicting = await this.isConflicting(pull);
    return Object.assign(pull, { mergeable: !isConflicting, mergeable_state: await this.state(pull, base, isConflicting) });
  }

  /** Marks the PR's mergeability as worked out for its heads now (a merge attempt does the work). */
  async workOut(pull: PullShape): Promise<void> {
    const base = (await this.repo.branchSha(pull.base.ref)) ?? pull.base.sha;
    this.computedFor.set(pull.number, `${pull.head.sha} ${base}`);
  }

  /** Why branch protection refuses to merge the PR now (GitHub's 405 message), or null. */
  blockedBy(pull: PullShape): string | null {
    const protection = this.repo.protection;
    if (!protection) return null;
    for (const name of protection.requiredChecks) {
      const check = this.repo.checkRuns.find((c) => c.head_sha === pull.head.sha && c.name === name);
      if (!check || check.status !== "completed") return `Required status check "${name}" is expected.`;
      if (check.conclusion !== "success") return `Required status check "${name}" is failing.`;
    }
    const latest = new Map<string, string>();
    for (const review of this.repo.reviews.get(pull.number) ?? []) if (review.state !== "COMMENTED") latest.set(review.user.login, review.state);
    const states = [...latest.values()];
    if (states.includes("CHANGES_REQUESTED")) return "Changes were requested by reviewers with write access.";
    const approvals = states.filter((s) => s === "APPROVED").length;
    if (approvals < protection.requiredApprovals) {
      return `At least ${protection.requiredApprovals} approving review${protection.requiredApprovals === 1 ? " is" : "s are"} required by reviewers with write access.`;
    }
    return null;
  }

  private async state(pull: PullShape, base: string, isConflicting: boolean): Promise<string> {
    if (isConflicting) return "dirty";
    if (pull.draft) return "draft";
    if (this.blockedBy(pull)) return "blocked";
    if (await this.isBehindUnderStrictProtection(pull, base)) return "behind";
    const required = this.repo.protection?.requiredChecks ?? [];
    const others = this.repo.checkRuns.filter((c) => c.head_sha === pull.head.sha && !required.includes(c.name));
    return others.some((c) => c.status !== "completed" || c.conclusion !== "success") ? "unstable" : "clean";
  }

  /**
   * Whether strict protection wants the head up to date with a base it lacks commits of. GitHub's "require branches to
   * be up to date" is a part of its required status checks: with none required, it asks nothing.
   */
  async isBehindUnderStrictProtection(pull: PullShape, base?: string): Promise<boolean> {
    const protection = this.repo.protection;
    if (!protection?.isStrict || protection.requiredChecks.length === 0) return false;
    return !(await this.isUpToDate(pull, base));
  }

  /** Whether the head holds every commit of the base. */
  async isUpToDate(pull: PullShape, base?: string): Promise<boolean> {
    const baseSha = base ?? (await this.repo.branchSha(pull.base.ref)) ?? pull.base.sha;
    return (await runGit(this.repo.barePath, ["merge-base", "--is-ancestor", baseSha, pull.head.sha])).code === 0;
  }

  /** Whether merging the head into the base conflicts (`git merge-tree` exits 1). */
  async isConflicting(pull: PullShape): Promise<boolean> {
    return (await runGit(this.repo.barePath, ["merge-tree", "--write-tree", `refs/heads/${pull.base.ref}`, pull.head.sha])).code === 1;
  }
}
