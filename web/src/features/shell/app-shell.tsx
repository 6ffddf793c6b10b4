import { lazy, Suspense } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { Spinner } from "../../components/spinner.tsx";
import { ChatScreen } from "../chat/chat-screen.tsx";
import { ConversationSidebar } from "../conversations/conversation-sidebar.tsx";
import { RemoteBar } from "../devices/remote-bar.tsx";
import { HomeScreen } from "../home/home-screen.tsx";
import { SessionScreen } from "../sessions/session-screen.tsx";
import { StartScreen } from "../start/start-screen.tsx";
import { WorkspaceScreen } from "../workspaces/workspace-screen.tsx";
import { parseRoute, useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { ConnectionBanner, NoticeBanner } from "./connection-banner.tsx";
import { SessionFrame } from "./session-frame.tsx";
import { TabBar } from "./tab-bar.tsx";
import { useJumpToMessage } from "./use-jump-to-message.ts";
import { useAttentionNotifications } from "./use-attention-notifications.ts";

/**
 * The signed-in layout, sized to the visual viewport: a sidebar on desktop (a drawer on phones), desktop tabs, and
 * the screen of the current route.
 */
export function AppShell() {
  useAttentionNotifications();
  return (
    <div className="fixed inset-x-0 top-[var(--app-top,0px)] flex h-[var(--app-height,100dvh)] overflow-hidden">
      <ConversationSidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <ConnectionBanner />
        <NoticeBanner />
        <RemoteBar />
        <TabBar />
        <RouteScreen />
      </div>
    </div>
  );
}

/** Screens most visits never open load on demand, keeping the first load small. */
const IntegrationsScreen = lazy(() => import("../github/integrations-screen.tsx").then((m) => ({ default: m.IntegrationsScreen })));
const PrDashboardScreen = lazy(() => import("../github/pr-dashboard-screen.tsx").then((m) => ({ default: m.PrDashboardScreen })));
const GoalScreen = lazy(() => import("../jobs/goal-screen.tsx").then((m) => ({ default: m.GoalScreen })));
const RunScreen = lazy(() => import("../jobs/run-screen.tsx").then((m) => ({ default: m.RunScreen })));
const JobsScreen = lazy(() => import("../jobs/jobs-screen.tsx").then((m) => ({ default: m.JobsScreen })));
const SearchScreen = lazy(() => import("../search/search-screen.tsx").then((m) => ({ default: m.SearchScreen })));
const SkillsScreen = lazy(() => import("../skills/skills-screen.tsx").then((m) => ({ default: m.SkillsScreen })));
const SessionTableScreen = lazy(() => import("../sessions/session-table-screen.tsx").then((m) => ({ default: m.SessionTableScreen })));

function RouteScreen() {
  const selectedId = useUiStore((s) => s.selectedId);
  const hash = useNavStore((s) => s.hash);
  const route = parseRoute(hash);
  useJumpToMessage(route.view === "conversation" ? route.messageId : null);
  if (selectedId) return <ConversationInSession id={selectedId} />;
  return (
    <Suspense fallback={<div role="status" className="flex flex-1 items-center justify-center"><Spinner label="Loading" /></div>}>
      <RouteView route={route} />
    </Suspense>
  );
}

function RouteView({ route }: { route: ReturnType<typeof parseRoute> }) {
  switch (route.view) {
    case "workspace":
      return <WorkspaceScreen key={route.id} id={route.id} />;
    case "session":
      return (
        <SessionFrame sessionId={route.id}>
          <SessionScreen key={route.id} id={route.id} />
        </SessionFrame>
      );
    case "sessions":
      return <SessionTableScreen />;
    case "search":
      return <SearchScreen />;
    case "skills":
      return <SkillsScreen />;
    case "jobs":
      return <JobsScreen />;
    case "goal":
      return <GoalScreen key={route.id} id={route.id} />;
    case "run":
      return <RunScreen key={route.id} id={route.id} />;
    case "new":
      return <StartScreen />;
    case "prs":
      return <PrDashboardScreen />;
    case "integrations":
      return <IntegrationsScreen />;
    case "conversation":
      return <ConversationInSession id={route.id as ConversationId} />;
    default:
      return <HomeScreen />;
  }
}

/** A conversation in the middle of its session's workbench. */
function ConversationInSession({ id }: { id: ConversationId }) {
  const sessionId = useConversationsStore((s) => s.conversations[id]?.sessionId ?? null);
  return (
    <SessionFrame sessionId={sessionId}>
      <ChatScreen key={id} id={id} />
    </SessionFrame>
  );
}
