import { useEffect, useState } from "react";
import type { PullRequest } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { errorMessage } from "../../lib/http.ts";
import { onServerFrame } from "../../lib/socket.ts";
import { useReconnects } from "../../stores/connection-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { usePullRequestStore } from "../../stores/pull-request-store.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { githubApi } from "./github-api.ts";
import { PullRequestBadges } from "./pull-request-badges.tsx";
import { DOT, dotJoin } from "../../lib/dot-join.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { sessionTitle } from "../../lib/shown-title.ts";

/**
 * Every open PR of ChatML's sessions across workspaces, with checks and review state; sessions waiting on you first.
 * Until the server has answered it says so, and without GitHub connected it says where to connect it (an empty list
 * alone read as "you have no pull requests").
 */
export function PrDashboardScreen() {
  const [error, setError] = useState<string | null>(null);
  const [isRead, setRead] = useState(false);
  /** Whether GitHub is connected; null until known (or when the question failed: the list's own answer then speaks). */
  const [isConnected, setConnected] = useState<boolean | null>(null);
  const bySession = usePullRequestStore((s) => s.bySession);
  const reconnects = useReconnects();
  useEffect(() => {
    const load = () => {
      githubApi.connection().then(({ connection }) => setConnected(connection?.isConnected ?? false), () => setConnected(null));
      githubApi
        .openPullRequests()
        .then(({ pullRequests }) => {
          for (const pr of pullRequests) usePullRequestStore.getState().set(pr.sessionId, pr);
          setError(null);
        }, (e: unknown) => setError(errorMessage(e)))
        .finally(() => setRead(true));
    };
    load();
    return onServerFrame((frame) => frame.type === "integrations.changed" && frame.service === "github" && void load());
  }, [reconnects]);
  const open = Object.values(bySession).filter((pr): pr is PullRequest => pr !== null && (pr.state === "open" || pr.state === "draft"));
  return (
    <>
      <TopBar title="Pull requests" />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-4xl flex-col gap-2 p-4">
          <ErrorText message={error} />
          {isConnected === false ? (
            <div className="flex flex-col items-start gap-2 text-sm text-stone-500">
              <p>Connect GitHub to see your sessions' pull requests here, with their checks and reviews.</p>
              <ScreenLink route={{ view: "integrations" }} className={buttonLook("secondary")}>
                Connect GitHub
              </ScreenLink>
            </div>
          ) : null}
          {!isRead ? <p className="text-sm text-stone-500">Reading pull requests…</p> : null}
          {isRead && open.length === 0 && isConnected !== false ? <p className="text-sm text-stone-500">No open pull requests from ChatML sessions.</p> : null}
          <ul className="flex flex-col gap-2">
            {open.sort(byAttention).map((pr) => (
              <DashboardRow key={pr.sessionId} pr={pr} />
            ))}
          </ul>
        </div>
      </main>
    </>
  );
}

/** Failing checks and requested changes first, then the rest by recency. */
function byAttention(a: PullRequest, b: PullRequest): number {
  const weight = (pr: PullRequest) => (pr.checkSummary === "failing" ? 2 : 0) + (pr.reviewDecision === "changes_requested" ? 1 : 0);
  return weight(b) - weight(a) || b.checkedAt - a.checkedAt;
}

function DashboardRow({ pr }: { pr: PullRequest }) {
  const session = useConversationsStore((s) => s.sessions[pr.sessionId]);
  const workspace = useConversationsStore((s) => (session ? s.workspaces[session.workspaceId] : undefined));
  const isWaiting = useConversationsStore((s) => Object.values(s.conversations).some((c) => c.sessionId === pr.sessionId && c.status === "waiting"));
  return (
    <li>
      <ScreenLink route={{ view: "session", id: pr.sessionId }} data-testid="pr-row" className="flex min-h-11 w-full flex-col gap-1 rounded-xl border border-stone-200 p-3 text-left hover:bg-stone-100 dark:border-stone-800 dark:hover:bg-stone-900">
        <span className="text-sm font-medium">
          #{pr.number} {pr.title}
        </span>
        <span className="text-xs text-stone-500">
          {dotJoin([workspace?.name ?? pr.repo, session ? sessionTitle(session) : pr.headRef])}
          {/* The "·" ends the part before it: wrapped on a phone, a line started with it. */}
          {isWaiting ? (
            <>
              {DOT}
              <strong className="text-amber-700 dark:text-amber-400">waiting for you</strong>
            </>
          ) : null}
        </span>
        <PullRequestBadges pr={pr} />
      </ScreenLink>
    </li>
  );
}
