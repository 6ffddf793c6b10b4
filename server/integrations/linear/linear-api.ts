import type { LinearClient } from "@linear/sdk";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { LinearIssue } from "../../../shared/protocol/integrations.ts";
import { messageOf } from "../../../shared/error-message.ts";

export const DEFAULT_LINEAR_API = "https://api.linear.app/graphql";

/** A team the user can pick to list its issues. */
export type LinearTeam = { id: string; key: string; name: string };
/** A workflow state of a team (`type` is Linear's category: triage, backlog, unstarted, started, completed, canceled). */
export type LinearState = { id: string; name: string; type: string; position: number };
/** An issue with what moving its state needs. */
export type LinearIssueFacts = LinearIssue & { teamId: string | null; stateId: string | null };

const ISSUE_FIELDS = "id identifier title description url branchName state { id name type } team { id key }";
const ISSUES = `query ChatmlIssues($filter: IssueFilter, $first: Int, $after: String) { issues(filter: $filter, first: $first, after: $after, orderBy: updatedAt) { nodes { ${ISSUE_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
/** Issues listed per page (the picker loads the next page on request). */
const ISSUES_PAGE = 50;
const ISSUE = `query ChatmlIssue($id: String!) { issue(id: $id) { ${ISSUE_FIELDS} } }`;
const TEAMS = "query ChatmlTeams { teams(first: 100) { nodes { id key name } } }";
const STATES = "query ChatmlStates($teamId: ID!) { workflowStates(first: 100, filter: { team: { id: { eq: $teamId } } }) { nodes { id name type position } } }";
const UPDATE = `mutation ChatmlMoveIssue($id: String!, $stateId: String!) { issueUpdate(id: $id, input: { stateId: $stateId }) { success issue { ${ISSUE_FIELDS} } } }`;
/** Issues that are done or canceled are not offered. */
const OPEN_ONLY = { state: { type: { nin: ["completed", "canceled"] } } };

type RawIssue = {
  id: string;
  identifier: string;
  title: string;
  description: string | null;
  url: string;
  branchName: string;
  state: { id: string; name: string; type: string } | null;
  team: { id: string; key: string } | null;
};

/**
 * Linear through `@linear/sdk` (loaded on first use: most servers never talk to Linear). Lists and reads go as one
 * GraphQL document each (the SDK's models would fetch an issue's state and team one request at a time); errors come
 * back as {@link AppError}s that never carry the key.
 */
export class LinearApi {
  private constructor(private readonly client: LinearClient) {}

  static async create(apiKey: string, apiUrl: string = DEFAULT_LINEAR_API): Promise<LinearApi> {
    const { LinearClient } = await import("@linear/sdk");
    try {
      return new LinearApi(new LinearClient({ apiKey, apiUrl }));
    } catch (error) {
      throw new AppError("bad_request", `The Linear API URL is not usable: ${error instanceof Error ? error.message : error}`);
    }
  }

  /** Who the key belongs to; also proves the key works. */
  async viewer(): Promise<{ name: string; email: string }> {
    const viewer = await guard(() => this.client.viewer);
    return { name: viewer.name, email: viewer.email };
  }

  async teams(): Promise<LinearTeam[]> {
    const data = await this.raw<{ teams: { nodes: LinearTeam[] } }>(TEAMS, {});
    return data.teams.nodes;
  }

  /**
   * One page of open issues assigned to me, or of one team, most recently updated first; `search` narrows by title,
   * `after` is the `nextCursor` of the page before. `nextCursor` is null on the last page.
   */
  async issues(options: { teamId?: string; search?: string; after?: string }): Promise<{ issues: LinearIssueFacts[]; nextCursor: string | null }> {
    const scope = options.teamId ? { team: { id: { eq: options.teamId } } } : { assignee: { isMe: { eq: true } } };
    const text = options.search?.trim() ? { title: { containsIgnoreCase: options.search.trim() } } : {};
    const variables = { filter: { ...scope, ...OPEN_ONLY, ...text }, first: ISSUES_PAGE, ...(options.after ? { after: options.after } : {}) };
    const data = await this.raw<{ issues: { nodes: RawIssue[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } } }>(ISSUES, variables);
    const page = data.issues.pageInfo;
    return { issues: data.issues.nodes.map(toIssue), nextCursor: page?.hasNextPage && page.endCursor ? page.endCursor : null };
  }

  /** Several issues by id in one request (the ones Linear still has; at most 100). */
  async issuesById(ids: string[]): Promise<LinearIssueFacts[]> {
    if (ids.length === 0) return [];
    const data = await this.raw<{ issues: { nodes: RawIssue[] } }>(ISSUES, { filter: { id: { in: ids.slice(0, 100) } }, first: 100 });
    return data.issues.nodes.map(toIssue);
  }

  /** One issue by id or identifier (`ENG-12`). */
  async issue(id: string): Promise<LinearIssueFacts> {
    const data = await this.raw<{ issue: RawIssue | null }>(ISSUE, { id });
    if (!data.issue) throw new AppError("not_found", `Linear has no issue "${id}" (or the key cannot see it).`);
    return toIssue(data.issue);
  }

  async states(teamId: string): Promise<LinearState[]> {
    const data = await this.raw<{ workflowStates: { nodes: LinearState[] } }>(STATES, { teamId });
    return data.workflowStates.nodes;
  }

  async moveIssue(id: string, stateId: string): Promise<LinearIssueFacts> {
    const data = await this.raw<{ issueUpdate: { success: boolean; issue: RawIssue | null } }>(UPDATE, { id, stateId });
    if (!data.issueUpdate.success || !data.issueUpdate.issue) throw new AppError("conflict", `Linear did not move the issue ${id}.`);
    return toIssue(data.issueUpdate.issue);
  }

  private async raw<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await guard(() => this.client.client.rawRequest<T, Record<string, unknown>>(query, variables));
    return response.data as T;
  }
}

function toIssue(raw: RawIssue): LinearIssueFacts {
  return {
    id: raw.id,
    identifier: raw.identifier,
    title: raw.title,
    description: raw.description ?? "",
    url: raw.url,
    branchName: raw.branchName,
    stateName: raw.state?.name ?? null,
    stateType: raw.state?.type ?? null,
    teamKey: raw.team?.key ?? null,
    teamId: raw.team?.id ?? null,
    stateId: raw.state?.id ?? null,
  };
}

async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAppError(error);
  }
}

const KEY_REJECTED = "Linear rejected the API key (revoked or mistyped). Connect Linear again with a new key.";

/** Whether Linear refused the key itself, as opposed to a rate limit, a failure or a network error. */
export function isKeyRejected(error: unknown): boolean {
  return error instanceof AppError && error.message === KEY_REJECTED;
}

/** Linear's answer as a clear {@link AppError}; an unreachable Linear becomes `upstream_unavailable`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const typed = error as { type?: string; status?: number; errors?: { message?: string }[]; raw?: { response?: { errors?: { message?: string }[] } } };
  const first = typed.errors?.[0]?.message ?? typed.raw?.response?.errors?.[0]?.message;
  if (first && /entity not found|could not find/i.test(first)) return new AppError("not_found", "Linear has no such issue (or the key cannot see it).");
  switch (typed.type) {
    case "AuthenticationError":
      return new AppError("forbidden", KEY_REJECTED);
    case "Forbidden":
      return new AppError("forbidden", `Linear refused: ${first ?? "the key lacks a permission"}.`);
    case "Ratelimited":
      return new AppError("rate_limited", "Linear's rate limit was reached; try again in a minute.", { retryAfterSeconds: 60 });
    case "NetworkError":
    case "InternalError":
      return new AppError("upstream_unavailable", `Linear failed (${first ?? `status ${typed.status ?? "unknown"}`}); it may be down for a moment: try again in a minute.`);
    case "InvalidInput":
    case "GraphqlError":
    case "UserError":
      return new AppError("bad_request", `Linear refused: ${first ?? "invalid request"}.`);
  }
  if (typed.status === undefined && !first) {
    return new AppError("upstream_unavailable", `Linear could not be reached: ${messageOf(error)}`);
  }
  return new AppError("upstream_unavailable", `Linear answered with an error: ${first ?? "unknown"}.`);
}
