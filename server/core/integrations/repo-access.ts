import { AppError } from "../../../shared/protocol/errors.ts";
import type { RepoRef } from "../../integrations/github/remote-url.ts";

/**
 * GitHub answers 404 for a repository the token may not see (a fine-grained token without it, a classic one without
 * the `repo` scope on a private repository): said as what to do, naming the repository, where it said only
 * "GitHub: not found (or the token cannot see it). Not Found". Any other error is answered as it is.
 *
 * @example throw repoNotVisible(error, { owner: "acme", name: "widgets" })
 */
export function repoNotVisible(error: unknown, repo: RepoRef): unknown {
  if (!(error instanceof AppError) || error.code !== "not_found" || !error.message.startsWith("GitHub: not found")) return error;
  const fullName = `${repo.owner}/${repo.name}`;
  return new AppError(
    "not_found",
    `GitHub shows the connected token no repository ${fullName}. Give the token access to ${fullName} (a fine-grained token lists the repositories it may use; a classic one needs the repo scope for a private one), or connect another token under Integrations, then try again.`,
    { reason: "repo_not_visible", repo: fullName },
  );
}
