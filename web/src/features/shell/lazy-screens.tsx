import { lazy } from "react";

/**
 * Every screen behind a route loads as its own chunk, so the first load carries only the shell, the sidebar and
 * home. The screens most visits open (a conversation, a session, a workspace) and the markdown renderer are fetched in
 * the background right after start ({@link preloadMainScreens}), so opening one rarely waits.
 */
const load = {
  conversation: () => import("./conversation-route.tsx"),
  session: () => import("./session-route.tsx"),
  workspace: () => import("../workspaces/workspace-screen.tsx"),
  // The chunk Markdown loads lazily: until it arrives, an answer, plan or skill shows as its markdown source.
  markdown: () => import("../../components/markdown-renderer.tsx"),
};

export const ConversationRoute = lazy(() => load.conversation().then((m) => ({ default: m.ConversationRoute })));
export const SessionRoute = lazy(() => load.session().then((m) => ({ default: m.SessionRoute })));
export const WorkspaceScreen = lazy(() => load.workspace().then((m) => ({ default: m.WorkspaceScreen })));
export const IntegrationsScreen = lazy(() => import("../github/integrations-screen.tsx").then((m) => ({ default: m.IntegrationsScreen })));
export const PrDashboardScreen = lazy(() => import("../github/pr-dashboard-screen.tsx").then((m) => ({ default: m.PrDashboardScreen })));
export const GoalScreen = lazy(() => import("../jobs/goal-screen.tsx").then((m) => ({ default: m.GoalScreen })));
export const RunScreen = lazy(() => import("../jobs/run-screen.tsx").then((m) => ({ default: m.RunScreen })));
export const JobsScreen = lazy(() => import("../jobs/jobs-screen.tsx").then((m) => ({ default: m.JobsScreen })));
export const SearchScreen = lazy(() => import("../search/search-screen.tsx").then((m) => ({ default: m.SearchScreen })));
export const SkillsScreen = lazy(() => import("../skills/skills-screen.tsx").then((m) => ({ default: m.SkillsScreen })));
export const SettingsScreen = lazy(() => import("../settings/settings-screen.tsx").then((m) => ({ default: m.SettingsScreen })));
export const SessionTableScreen = lazy(() => import("../sessions/session-table-screen.tsx").then((m) => ({ default: m.SessionTableScreen })));

/**
 * Fetches the conversation, session and workspace screens and the markdown renderer once the page is idle (most
 * visits open one and read an answer).
 */
export function preloadMainScreens(): void {
  const preload = () => {
    void load.conversation();
    void load.session();
    void load.workspace();
    void load.markdown();
  };
  if (typeof requestIdleCallback === "function") requestIdleCallback(preload, { timeout: 2000 });
  else setTimeout(preload, 300);
}
