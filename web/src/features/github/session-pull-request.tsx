import { useEffect, useRef, useState } from "react";
import { plural, type GithubRemote, type Session } from "../../../../shared/index.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { onServerFrame } from "../../lib/socket.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { prBaseElsewhere, selectPullRequest, selectPullRequestProblem, usePullRequestStore } from "../../stores/pull-request-store.ts";
import { useActionReport } from "./action-report.ts";
import { BranchCatchUp } from "./branch-catch-up.tsx";
import { CheckList } from "./check-list.tsx";
import { CreatePullRequestForm } from "./create-pull-request-form.tsx";
import { githubApi } from "./github-api.ts";
import { NoGithubRemoteNote } from "./no-github-remote-note.tsx";
import { leftOutOfMerge } from "./merge-leaves-out.ts";
import { PullRequestActions } from "./pull-request-actions.tsx";
import { PullRequestBadges } from "./pull-request-badges.tsx";
import { PullRequestBaseNote } from "./pull-request-base-note.tsx";
import { PullRequestConversation } from "./pull-request-conversation.tsx";
import { ReviewFeedbackActions } from "./review-feedback-actions.tsx";
import { WorktreeCatchUpNote } from "./worktree-catch-up-note.tsx";

/**
 * A session's pull request: create it, or see its state, review decision, mergeability, checks, reviews and comments
 * live, and act on it.
 */
export function SessionPullRequest({ session }: { session: Session }) {
  const pr = usePullRequestStore(selectPullRequest(session.id));
  const problem = usePullRequestStore(selectPullRequestProblem(session.id));
  const { error, report } = useActionReport();
  const [isCreating, setCreating] = useState(false);
  const { sectionRef, createRef } = useFocusAfterForm(isCreating);
  const [isLoading, setLoading] = useState(false);
  const hasBranch = session.branch !== null;
  const reconnects = useReconnects();
  /** Where the repository's origin points, once read: a pull request needs it on GitHub. */
  const [remote, setRemote] = useState<GithubRemote | null>(null);
  /**
   * The session whose pull request read came back (answered or refused). Until then the card offers nothing: the read
   * says whether there is a PR and where origin points, and an offer made before it (Connect GitHub on a repository with
   * no remote) would flash and be taken back.
   */
  const [readSessionId, setReadSessionId] = useState<string | null>(null);
  /** Whether GitHub is connected (null until known): without it, creating a pull request can only fail. */
  const [isConnected, setConnected] = useState<boolean | null>(null);
  useEffect(() => {
    const load = () =>
      githubApi.connection().then(
        ({ connection }) => setConnected(connection?.isConnected ?? false),
        () => setConnected(null),
      );
    load();
    return onServerFrame((frame) => frame.type === "integrations.changed" && frame.service === "github" && void load());
  }, [reconnects]);
  useEffect(() => {
    if (!hasBranch) return;
    const store = usePullRequestStore.getState();
    const sessionId = session.id;
    githubApi.pullRequest(sessionId).then(
      ({ pullRequest, problem, worktree, remote }) => (
        store.set(sessionId, pullRequest), store.setProblem(sessionId, problem), store.setWorktree(sessionId, worktree), setRemote(remote ?? null), setReadSessionId(sessionId), report.succeeded("read")
      ),
      (e: unknown) => (setReadSessionId(sessionId), report.failed("read", e)),
    );
    // A remote added (or changed) shows in the git state's origin and upstream: read where origin points again.
  }, [session.id, hasBranch, reconnects, report, session.git?.hasOrigin, session.git?.upstream?.name]);
  if (!hasBranch) return null;
  // The card's one error sits under the PR's actions when it shows a PR, else under what it shows instead.
  const isPrShown = Boolean(pr) && !(pr?.state === "closed" && isCreating);
  // Without a GitHub remote and without a PR (one linked before the remote changed still shows), nothing GitHub can help.
  const notGithub = !pr && remote && remote.kind !== "github" ? remote : null;
  const isRead = readSessionId === session.id;
  // An action GitHub refused as "not connected" says more than the connection read before it (disconnected on another
  // device since): the base note offers Connect GitHub instead of a Move that can only fail again, and the card's last
  // Connect GitHub shows only where nothing above offers one — one action per meaning.
  const isRefusedAsDisconnected = error?.includes("GitHub is not connected") === true;
  const isConnectedAsKnown = isRefusedAsDisconnected ? false : isConnected;
  const isConnectAbove = isPrShown ? isConnectedAsKnown === false && prBaseElsewhere(pr, session.baseBranch) !== null : !pr && isConnected === false;
  const refresh = () => {
    setLoading(true);
    githubApi
      .refresh(session.id)
      .then(
        ({ pullRequest }) => (usePullRequestStore.getState().set(session.id, pullRequest), report.succeeded("check")),
        (e: unknown) => report.failed("check", e),
      )
      .finally(() => setLoading(false));
  };
  return (
    <section ref={sectionRef} tabIndex={-1} aria-label="Pull request" className="flex flex-col gap-2 rounded-xl border border-stone-200 p-4 outline-none dark:border-stone-800">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold">{pr ? `Pull request #${pr.number}` : "Pull request"}</h2>
        <span className="flex-1" />
        {notGithub || (!isRead && !pr) ? null : (
          <Button variant="ghost" onClick={refresh} disabled={isLoading}>
            {isLoading ? <Spinner /> : null} Check GitHub
          </Button>
        )}
      </div>
      {problem ? (
        // Polling could not read GitHub for this session: said here, where the user looks, not only in a log.
        <div className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm text-amber-900 dark:text-amber-200">{problem}</p>
          <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary", "self-start")}>
            Open Integrations
          </ScreenLink>
        </div>
      ) : null}
      {pr?.state === "closed" && isCreating ? (
        <CreatePullRequestForm session={session} onDone={() => setCreating(false)} />
      ) : pr ? (
        <>
          {/* A finger's height on a phone, however many lines the title takes (one line was 20 px tall). */}
          <a href={pr.url} target="_blank" rel="noreferrer" className="min-h-11 content-center text-sm font-medium text-accent underline-offset-2 hover:underline mouse:min-h-0">
            {pr.title}
          </a>
          <PullRequestBadges pr={pr} />
          <PullRequestBaseNote pr={pr} session={session} isConnected={isConnectedAsKnown} report={report} />
          <PullRequestActions key={pr.state} pr={pr} report={report} leftOut={leftOutOfMerge(session.git, pr.headRef)} />
          <BranchCatchUp pr={pr} report={report} />
          <WorktreeCatchUpNote pr={pr} report={report} />
          <ErrorText message={error} />
          {pr.state === "closed" ? (
            // Closed without merging: the branch can still go up for review as a new pull request.
            <div className="flex flex-wrap items-center gap-2">
              <p className="text-sm text-stone-500">#{pr.number} was closed without merging.</p>
              <Button ref={createRef} variant="primary" onClick={() => setCreating(true)}>
                Create a new pull request
              </Button>
            </div>
          ) : null}
          <CheckList pr={pr} report={report} />
          <PullRequestConversation pr={pr} />
          <ReviewFeedbackActions pr={pr} report={report} />
        </>
      ) : !isRead ? (
        <p className="flex items-center gap-2 text-sm text-stone-500">
          <Spinner /> Reading the pull request for {session.branch}…
        </p>
      ) : notGithub ? (
        <NoGithubRemoteNote remote={notGithub} branch={session.branch ?? ""} isConnected={isConnected} />
      ) : isConnected === false ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-stone-500">Connect GitHub to open a pull request for {session.branch} from here.</p>
          <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary")}>
            Connect GitHub
          </ScreenLink>
        </div>
      ) : isCreating ? (
        <CreatePullRequestForm session={session} onDone={() => setCreating(false)} />
      ) : session.git?.ahead === 0 ? (
        // Said before the form, not after it was filled in: GitHub has no pull request of a branch with nothing of its own.
        <p data-testid="pr-nothing-yet" className="text-sm text-stone-500">
          {nothingToOpenYet(session)}
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-stone-500">No pull request for {session.branch} yet.</p>
          <Button ref={createRef} variant="primary" onClick={() => setCreating(true)}>
            Create pull request
          </Button>
        </div>
      )}
      {isPrShown ? null : <ErrorText message={error} />}
      {isRefusedAsDisconnected && !isConnectAbove && !notGithub ? (
        <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary", "self-start")}>
          Connect GitHub
        </ScreenLink>
      ) : null}
    </section>
  );
}

/** Why a branch with no commits beyond its base offers no pull request yet, and what would change that. */
function nothingToOpenYet(session: Session): string {
  const changed = session.git?.fileCount ?? session.git?.files.length ?? 0;
  const next = changed > 0 ? `Commit its ${plural(changed, "changed file")} in the Git view first.` : "Once it has one, you can create a pull request here.";
  return `No pull request yet: ${session.branch ?? "this branch"} has no commits beyond ${session.baseBranch ?? "its base"}. ${next}`;
}

/**
 * Where focus goes as the create form closes, taking the focused control with it (it fell to the page): back to the
 * button that opened it after Cancel, else (the pull request made) to the card.
 */
function useFocusAfterForm(isCreating: boolean) {
  const sectionRef = useRef<HTMLElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const wasCreating = useRef(isCreating);
  useEffect(() => {
    const isLost = document.activeElement === null || document.activeElement === document.body;
    if (wasCreating.current && !isCreating && isLost) (createRef.current ?? sectionRef.current)?.focus();
    wasCreating.current = isCreating;
  }, [isCreating]);
  return { sectionRef, createRef };
}
