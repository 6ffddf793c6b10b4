import { execute, GraphqlError, type RootResolver } from "./graphql-exec.ts";

/** A workflow state as Linear models it (`type` is Linear's state category). */
export type FakeState = { id: string; name: string; type: "triage" | "backlog" | "unstarted" | "started" | "completed" | "canceled"; position: number; teamId: string };
export type FakeTeam = { id: string; key: string; name: string };
export type FakeIssue = { id: string; identifier: string; title: string; description: string; branchName: string; teamId: string; stateId: string; assigneeId: string | null; updatedAt: string };
/** A request the fake answered: the root fields it asked for, and whether the key was accepted. */
export type FakeLinearRequest = { fields: string[]; isAuthorized: boolean };

/** The fake Linear GraphQL API; tests point the SDK's `apiUrl` at `url`. */
export type FakeLinear = {
  url: string;
  /** API keys Linear accepts. */
  apiKeys: Set<string>;
  viewer: { id: string; name: string; email: string };
  teams: FakeTeam[];
  states: FakeState[];
  issues: FakeIssue[];
  requests: FakeLinearRequest[];
  /**
   * Set to answer every request as Linear does when it is rate limited ("ratelimited": HTTP 400 with the RATELIMITED
   * error code) or failing (a status such as 500 or 503, with no GraphQL body); null answers normally.
   */
  outage: "ratelimited" | number | null;
  /** Adds an issue in the team's first unstarted state, assigned to the viewer unless `assigneeId` says otherwise. */
  /** `branchName` stands for one a team's own branch format made (Linear lets a workspace shape it). */
  addIssue(input: { teamKey: string; title: string; description?: string; assigneeId?: string | null; branchName?: string }): FakeIssue;
  /** The name of an issue's current state. */
  stateName(issueId: string): string;
  stop(): Promise<void>;
};

const VIEWER = { id: "user-1", name: "Ada Lovelace", email: "ada@example.com" };

/** Starts the fake on a free port with one team (ENG) and Linear's default workflow. */
export function startFakeLinear(): FakeLinear {
  const team: FakeTeam = { id: "team-eng", key: "ENG", name: "Engineering" };
  const states: FakeState[] = [
    { id: "st-backlog", name: "Backlog", type: "backlog", position: 0, teamId: team.id },
    { id: "st-todo", name: "Todo", type: "unstarted", position: 1, teamId: team.id },
    { id: "st-progress", name: "In Progress", type: "started", position: 2, teamId: team.id },
    { id: "st-review", name: "In Review", type: "started", position: 3, teamId: team.id },
    { id: "st-done", name: "Done", type: "completed", position: 4, teamId: team.id },
    { id: "st-canceled", name: "Canceled", type: "canceled", position: 5, teamId: team.id },
  ];
  let counter = 0;
  const fake: FakeLinear = {
    url: "",
    apiKeys: new Set(),
    viewer: VIEWER,
    teams: [team],
    states,
    issues: [],
    requests: [],
    outage: null,
    addIssue: (input) => {
      const owner = fake.teams.find((t) => t.key === input.teamKey) ?? team;
      counter++;
      const identifier = `${owner.key}-${counter}`;
      // Linear cuts a long title's slug and drops the dash the cut may leave: it never ends a branch name in "-".
      const slug = input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 30).replace(/^-+|-+$/g, "");
      const issue: FakeIssue = {
        id: `issue-${counter}`,
        identifier,
        title: input.title,
        description: input.description ?? "",
        branchName: input.branchName ?? `ada/${identifier.toLowerCase()}-${slug}`,
        teamId: owner.id,
        stateId: fake.states.find((s) => s.teamId === owner.id && s.type === "unstarted")?.id ?? "",
        assigneeId: input.assigneeId === undefined ? fake.viewer.id : input.assigneeId,
        updatedAt: new Date(Date.UTC(2026, 0, 1, 0, counter)).toISOString(),
      };
      fake.issues.push(issue);
      return issue;
    },
    stateName: (issueId) => fake.states.find((s) => s.id === fake.issues.find((i) => i.id === issueId)?.stateId)?.name ?? "",
    stop: async () => {
      await server.stop(true);
    },
  };
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request) => handle(fake, request) });
  fake.url = `http://127.0.0.1:${server.port}/graphql`;
  return fake;
}

async function handle(fake: FakeLinear, request: Request): Promise<Response> {
  if (request.method !== "POST" || new URL(request.url).pathname !== "/graphql") return new Response("Not found", { status: 404 });
  const body = (await request.json()) as { query: string; variables?: Record<string, unknown> };
  const key = request.headers.get("authorization") ?? "";
  const isAuthorized = fake.apiKeys.has(key);
  fake.requests.push({ fields: [...body.query.matchAll(/^\s{2}(\w+)/gm)].map((m) => m[1] as string), isAuthorized });
  if (fake.outage === "ratelimited") {
    const error = { message: "Rate limit exceeded", extensions: { type: "ratelimited", code: "RATELIMITED", userPresentableMessage: "Too many requests." } };
    return Response.json({ errors: [error] }, { status: 400, headers: { "x-ratelimit-requests-remaining": "0" } });
  }
  if (typeof fake.outage === "number") return new Response("upstream connect error", { status: fake.outage, headers: { "content-type": "text/plain" } });
  if (!isAuthorized) {
    // What Linear answers for a missing or revoked key.
    const error = { message: "Authentication required, not authenticated", extensions: { type: "authentication error", code: "AUTHENTICATION_ERROR", userPresentableMessage: "You need to authenticate to access this operation." } };
    return Response.json({ errors: [error] }, { status: 400 });
  }
  const result = execute(body.query, body.variables ?? {}, resolvers(fake));
  return Response.json(result, { status: result.errors ? 400 : 200 });
}

function resolvers(fake: FakeLinear): Record<string, RootResolver> {
  const issueView = (issue: FakeIssue) => ({
    ...issue,
    url: `https://linear.app/acme/issue/${issue.identifier}/${issue.branchName.split("/").pop()}`,
    state: fake.states.find((s) => s.id === issue.stateId) ?? null,
    team: fake.teams.find((t) => t.id === issue.teamId) ?? null,
    assignee: issue.assigneeId === fake.viewer.id ? fake.viewer : null,
  });
  const findIssue = (id: unknown) => fake.issues.find((i) => i.id === id || i.identifier === id);
  return {
    viewer: () => fake.viewer,
    teams: () => ({ nodes: fake.teams, pageInfo: { hasNextPage: false, endCursor: null } }),
    issue: ({ id }) => {
      const issue = findIssue(id);
      if (!issue) throw new GraphqlError("Entity not found: Issue", { type: "invalid input", code: "INPUT_ERROR", userPresentableMessage: "Could not find referenced Issue." });
      return issueView(issue);
    },
    issues: ({ filter, first, after }) => {
      // Pages as Linear's do: `after` is the cursor of the last issue of the page before (here, its id).
      const matching = fake.issues.filter((i) => matchesFilter(fake, i, (filter ?? {}) as IssueFilter));
      const sorted = matching.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
      const start = after ? sorted.findIndex((i) => i.id === after) + 1 : 0;
      const page = sorted.slice(start, start + Number(first ?? 50));
      return { nodes: page.map(issueView), pageInfo: { hasNextPage: start + page.length < sorted.length, endCursor: page.at(-1)?.id ?? null } };
    },
    workflowStates: ({ filter }) => {
      const teamId = (filter as IssueFilter | undefined)?.team?.id?.eq;
      return { nodes: fake.states.filter((s) => !teamId || s.teamId === teamId), pageInfo: { hasNextPage: false, endCursor: null } };
    },
    issueUpdate: ({ id, input }) => {
      const issue = findIssue(id);
      const stateId = (input as { stateId?: string }).stateId;
      if (!issue || (stateId && !fake.states.some((s) => s.id === stateId && s.teamId === issue.teamId))) return { success: false, issue: null, lastSyncId: 0 };
      if (stateId) issue.stateId = stateId;
      issue.updatedAt = new Date().toISOString();
      return { success: true, issue: issueView(issue), lastSyncId: 1 };
    },
  };
}

/** The part of Linear's `IssueFilter` the fake understands (what ChatML sends). */
type IssueFilter = {
  id?: { in?: string[] };
  assignee?: { isMe?: { eq?: boolean } };
  team?: { id?: { eq?: string } };
  state?: { type?: { nin?: string[] } };
  title?: { containsIgnoreCase?: string };
  or?: IssueFilter[];
};

function matchesFilter(fake: FakeLinear, issue: FakeIssue, filter: IssueFilter): boolean {
  if (filter.id?.in && !filter.id.in.includes(issue.id)) return false;
  if (filter.assignee?.isMe?.eq === true && issue.assigneeId !== fake.viewer.id) return false;
  if (filter.team?.id?.eq && issue.teamId !== filter.team.id.eq) return false;
  const type = fake.states.find((s) => s.id === issue.stateId)?.type ?? "";
  if (filter.state?.type?.nin?.includes(type)) return false;
  if (filter.title?.containsIgnoreCase && !issue.title.toLowerCase().includes(filter.title.containsIgnoreCase.toLowerCase())) return false;
  if (filter.or && !filter.or.some((f) => matchesFilter(fake, issue, f))) return false;
  return true;
}
