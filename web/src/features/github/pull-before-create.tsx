import { useState } from "react";
import type { Session } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { plural } from "../../../../shared/plural.ts";
import { githubApi } from "./github-api.ts";

/**
 * The way on when Create was refused because GitHub's copy of the branch went another way: the workbench's pull (a
 * merge of GitHub's commits; conflicts stop it for the Git view), from the form itself, which stays as typed. The
 * refusal said "pull", with nothing to pull with on the card. `onPulled` gets what to say next, `onFailed` the error.
 */
export function PullBeforeCreate({ session, onPulled, onFailed }: { session: Session; onPulled: (note: string) => void; onFailed: (error: unknown) => void }) {
  const [isPulling, setPulling] = useState(false);
  const branch = session.branch ?? "";
  const pull = () => {
    setPulling(true);
    githubApi
      .pullBranchIn(session.id)
      .then(({ result }) =>
        onPulled(
          result.status === "done"
            ? `Merged GitHub's ${branch} into this worktree: create the pull request again.`
            : `The pull stopped on conflicts in ${plural(result.conflicts.length, "file")}: resolve them in the Git view, then create the pull request.`,
        ),
        onFailed,
      )
      .finally(() => setPulling(false));
  };
  return (
    <Button className="self-start" disabled={isPulling} onClick={pull}>
      {isPulling ? <Spinner /> : null} Pull the branch
    </Button>
  );
}
