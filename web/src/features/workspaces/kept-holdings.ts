import { HOLDING_KINDS, isEmptyWorkspace, plural, type HoldingKind, type WorkspaceHoldings } from "../../../../shared/index.ts";

/** What one thing of each kind is called in the Remove dialog (sessions are named with their conversations). */
const NOUNS: Record<Exclude<HoldingKind, "conversations" | "sessions">, string> = {
  goals: "goal",
  jobs: "job",
  runs: "job run",
  mcpServers: "MCP server",
  skillSettings: "skill setting",
  integrationSettings: "integration setting",
  pullRequests: "pull request link",
  budgets: "default budget",
  workspaceSettings: "workspace setting",
};

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What removing the workspace keeps, each kind it owns counted: "2 conversations in 1 session and 1 job". */
function keptItems(holdings: WorkspaceHoldings): string[] {
  const items: string[] = [];
  if (holdings.conversations > 0) items.push(`${plural(holdings.conversations, "conversation")} in ${plural(holdings.sessions, "session")}`);
  else if (holdings.sessions > 0) items.push(plural(holdings.sessions, "session"));
  for (const kind of HOLDING_KINDS) {
    if (kind !== "conversations" && kind !== "sessions" && holdings[kind] > 0) items.push(plural(holdings[kind], NOUNS[kind]));
  }
  return items;
}

/**
 * What the Remove dialog says is kept: the kinds the workspace owns, or, for one that owns nothing, that nothing is
 * kept and it simply goes (ADR 0248).
 * @example keptSentence({ ...none, jobs: 2, mcpServers: 1 }) // "2 jobs and 1 MCP server are kept; restore it …"
 */
export function keptSentence(holdings: WorkspaceHoldings): string {
  if (isEmptyWorkspace(holdings)) return "Nothing is kept: it has no conversations, jobs or settings. It leaves the list; add the folder again to use it.";
  const items = keptItems(holdings);
  const isOne = items.length === 1 && items[0]!.startsWith("1 ");
  return `${listed(items)} ${isOne ? "is" : "are"} kept; restore the workspace from “Removed workspaces” (or add the folder again) to use ${isOne ? "it" : "them"} again.`;
}
