import { Suspense, useEffect } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { ScreenErrorBoundary } from "../../components/screen-error-boundary.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { ConversationSidebar } from "../conversations/conversation-sidebar.tsx";
import { DevicesMenuEntry, PhoneNetworkBanner, RemoteBar, RemoteStrip, UpdateBanner } from "../devices/remote-bar.tsx";
import { SettingsMenuEntry } from "./settings-menu-entry.tsx";
import { SkipToMain } from "./skip-to-main.tsx";
import { HomeScreen } from "../home/home-screen.tsx";
import { StartScreen } from "../start/start-screen.tsx";
import { malformedTarget, parseRoute, useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { useHasSidebar } from "../../lib/use-short-viewport.ts";
import { ConnectionBanner, NoticeBanner } from "./connection-banner.tsx";
import { MissingScreen } from "./missing-screen.tsx";
import * as Screens from "./lazy-screens.tsx";
import { TabBar } from "./tab-bar.tsx";
import { useJumpToMessage } from "./use-jump-to-message.ts";
import { useAttentionNotifications } from "./use-attention-notifications.ts";

/**
 * The signed-in layout, sized to the visual viewport: a sidebar on desktop (a drawer on phones), desktop tabs, and
 * the screen of the current route.
 */
export function AppShell() {
  useAttentionNotifications();
  useEffect(() => Screens.preloadMainScreens(), []);
  // While the phone's drawer is open the screen behind its backdrop takes no keyboard: Tab went on from the drawer's
  // last entry into the hidden screen.
  const isDrawerOpen = useUiStore((s) => s.isDrawerOpen);
  const hasSidebar = useHasSidebar();
  const isBehindDrawer = isDrawerOpen && !hasSidebar;
  return (
    <div className="fixed inset-x-0 top-[var(--app-top,0px)] flex h-[var(--app-height,100dvh)] overflow-hidden">
      <SkipToMain />
      <ConversationSidebar footer={<><SettingsMenuEntry /><DevicesMenuEntry /></>} />
      {/* On an iPhone app (standalone, under the status bar) the first banner takes the status bar's inset: the screen's header gives its own up. */}
      <div inert={isBehindDrawer} className="flex min-w-0 flex-1 flex-col [&:has(>[data-top-banners]:not(:empty))_[data-top-bar]]:pt-0">
        <div data-top-banners className="empty:hidden">
          <ConnectionBanner />
          <NoticeBanner />
          <UpdateBanner />
          <PhoneNetworkBanner />
        </div>
        <RemoteBar />
        <TabBar trailing={<RemoteStrip />} />
        <RouteScreen />
      </div>
    </div>
  );
}

function RouteScreen() {
  const selectedId = useUiStore((s) => s.selectedId);
  const hash = useNavStore((s) => s.hash);
  const route = parseRoute(hash);
  useJumpToMessage(route.view === "conversation" ? route.messageId : null);
  const malformed = malformedTarget(route);
  return (
    <ScreenErrorBoundary resetKey={`${selectedId ?? ""}${hash}`}>
      <Suspense fallback={<div className="flex flex-1 items-center justify-center"><Spinner label="Loading" /></div>}>
        {malformed ? (
          <MissingScreen title={`${malformed[0]?.toUpperCase()}${malformed.slice(1)}`} what={malformed} />
        ) : selectedId ? (
          <Screens.ConversationRoute id={selectedId} />
        ) : (
          <RouteView route={route} />
        )}
      </Suspense>
    </ScreenErrorBoundary>
  );
}

function RouteView({ route }: { route: ReturnType<typeof parseRoute> }) {
  switch (route.view) {
    case "workspace":
      return <Screens.WorkspaceScreen key={route.id} id={route.id} />;
    case "session":
      return <Screens.SessionRoute key={route.id} id={route.id} />;
    case "sessions":
      return <Screens.SessionTableScreen />;
    case "search":
      return <Screens.SearchScreen />;
    case "skills":
      return <Screens.SkillsScreen />;
    case "jobs":
      return <Screens.JobsScreen />;
    case "goal":
      return <Screens.GoalScreen key={route.id} id={route.id} />;
    case "run":
      return <Screens.RunScreen key={route.id} id={route.id} />;
    case "new":
      return <StartScreen />;
    case "prs":
      return <Screens.PrDashboardScreen />;
    case "integrations":
      return <Screens.IntegrationsScreen />;
    case "settings":
      return <Screens.SettingsScreen />;
    case "conversation":
      return <Screens.ConversationRoute id={route.id as ConversationId} />;
    default:
      return <HomeScreen />;
  }
}
