import type { GithubRemote } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";

/** A repository's `origin` that pull requests cannot use: none at all, or one on another host. */
export type NotGithubRemote = Exclude<GithubRemote, { kind: "github" }>;

/**
 * What a session's PR card says when its repository has no GitHub remote: Connect GitHub could not help there, and
 * Create pull request could only fail. It says what is true and how to change it. A remote on another host may be a
 * GitHub Enterprise server ChatML is not connected to yet: only then is connecting offered, named for that.
 */
export function NoGithubRemoteNote({ remote, branch, isConnected }: { remote: NotGithubRemote; branch: string; isConnected: boolean | null }) {
  if (remote.kind === "none") {
    return (
      <div role="note" aria-label="No GitHub remote" className="flex flex-col gap-1 text-sm text-stone-600 dark:text-stone-400">
        <p>This repository has no remote, so there is no GitHub repository to open a pull request for {branch} in.</p>
        <p>To open one, add its GitHub repository as origin, then push the branch from the Git panel:</p>
        <code className="self-start rounded bg-stone-100 px-2 py-1 text-xs [overflow-wrap:anywhere] dark:bg-stone-800">git remote add origin https://github.com/owner/repo.git</code>
      </div>
    );
  }
  return (
    <div role="note" aria-label="No GitHub remote" className="flex flex-col gap-2 text-sm text-stone-600 dark:text-stone-400">
      <p>
        This repository's origin (<span className="[overflow-wrap:anywhere]">{remote.url}</span>) is not on {remote.host}, so ChatML cannot open a pull request for {branch} there.
        {isConnected === false ? " If it is a GitHub Enterprise server, connect it to open pull requests from here;" : ""} Push the branch from the Git panel to
        open a review where that remote lives.
      </p>
      {isConnected === false ? (
        <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary", "self-start")}>
          Connect GitHub Enterprise
        </ScreenLink>
      ) : null}
    </div>
  );
}
