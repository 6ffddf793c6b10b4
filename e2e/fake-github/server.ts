import { createHash } from "node:crypto";
import { FakeRepo } from "./fake-repo.ts";
import { routeRepo } from "./repo-routes.ts";

/** A request the fake answered (for tests that count what polling cost). */
export type FakeRequest = { method: string; path: string; status: number; token: string | null };

/** The fake GitHub REST (and a sliver of GraphQL) API; tests point ChatML's GitHub base URL at `url`. */
export type FakeGithub = {
  url: string;
  repos: Map<string, FakeRepo>;
  requests: FakeRequest[];
  /** Tokens GitHub accepts, with their classic scopes (null: a fine-grained token, no scope header). */
  tokens: Map<string, string[] | null>;
  rateLimit: { limit: number; remaining: number };
  /** Set to answer every request with a secondary rate limit (403 + retry-after). */
  isSecondaryLimited: boolean;
  /** Set to answer every request with this server error (500, 502, 503), as GitHub does when it is down; null: normally. */
  outage: number | null;
  /** Set to keep every request waiting until it settles (GitHub slow to answer); `waiting` counts those held now. */
  held: Promise<void> | null;
  waiting: number;
  addRepo(owner: string, name: string, barePath: string): FakeRepo;
  stop(): Promise<void>;
};

export type Answer = { status: number; body?: unknown; headers?: Record<string, string>; text?: string };

/** Starts the fake on a free port. */
export function startFakeGithub(): FakeGithub {
  const fake: FakeGithub = {
    url: "",
    repos: new Map(),
    requests: [],
    tokens: new Map(),
    rateLimit: { limit: 5000, remaining: 5000 },
    isSecondaryLimited: false,
    outage: null,
    held: null,
    waiting: 0,
    addRepo: (owner, name, barePath) => {
      const repo = new FakeRepo(owner, name, barePath, fake.url);
      fake.repos.set(`${owner}/${name}`.toLowerCase(), repo);
      return repo;
    },
    stop: async () => {
      await server.stop(true);
    },
  };
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request) => handle(fake, request) });
  fake.url = `http://127.0.0.1:${server.port}`;
  return fake;
}

async function handle(fake: FakeGithub, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const token = (request.headers.get("authorization") ?? "").replace(/^(token|bearer) /i, "") || null;
  const log = (status: number) => fake.requests.push({ method: request.method, path: url.pathname + url.search, status, token });
  if (url.pathname.startsWith("/_logs/")) {
    log(200);
    const repo = [...fake.repos.values()].find((r) => r.logs.has(Number(url.pathname.split("/")[2])));
    return new Response(repo?.logs.get(Number(url.pathname.split("/")[2])) ?? "", { headers: { "content-type": "text/plain" } });
  }
  if (!token || !fake.tokens.has(token)) {
    log(401);
    return Response.json({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest" }, { status: 401 });
  }
  if (fake.held) {
    fake.waiting++;
    await fake.held.finally(() => fake.waiting--);
  }
  if (fake.outage !== null) {
    log(fake.outage);
    return Response.json({ message: "Server Error" }, { status: fake.outage, headers: { "x-github-request-id": "FAKE" } });
  }
  if (fake.isSecondaryLimited) {
    log(403);
    return Response.json({ message: "You have exceeded a secondary rate limit." }, { status: 403, headers: { "retry-after": "60" } });
  }
  const answer = await route(fake, request, url, token);
  return respond(fake, request, answer, log);
}

function respond(fake: FakeGithub, request: Request, answer: Answer, log: (status: number) => void): Response {
  const headers: Record<string, string> = { ...answer.headers };
  const body = answer.text ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
  if (request.method === "GET" && answer.status === 200) {
    const etag = `W/"${createHash("sha1").update(body).digest("hex")}"`;
    headers.etag = etag;
    // GitHub: a conditional request answered 304 does not count against the rate limit.
    if (request.headers.get("if-none-match") === etag) {
      log(304);
      return new Response(null, { status: 304, headers: { ...headers, ...rateHeaders(fake) } });
    }
  }
  fake.rateLimit.remaining = Math.max(0, fake.rateLimit.remaining - 1);
  log(answer.status);
  if (answer.status === 302 || answer.status === 204) return new Response(null, { status: answer.status, headers: { ...headers, ...rateHeaders(fake) } });
  const contentType = answer.text !== undefined ? "text/plain" : "application/json; charset=utf-8";
  return new Response(body, { status: answer.status, headers: { "content-type": contentType, "x-github-request-id": "FAKE", ...headers, ...rateHeaders(fake) } });
}

function rateHeaders(fake: FakeGithub): Record<string, string> {
  return {
    "x-ratelimit-limit": String(fake.rateLimit.limit),
    "x-ratelimit-remaining": String(fake.rateLimit.remaining),
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
  };
}

async function route(fake: FakeGithub, request: Request, url: URL, token: string): Promise<Answer> {
  const path = url.pathname;
  if (path === "/user" && request.method === "GET") {
    const scopes = fake.tokens.get(token);
    return { status: 200, body: { login: "octo-dev", id: 1 }, headers: scopes ? { "x-oauth-scopes": scopes.join(", ") } : {} };
  }
  if (path === "/graphql" && request.method === "POST") return graphql(fake, (await request.json()) as { query: string; variables: { id: string } });
  if (path === "/search/issues") return searchIssues(fake, url.searchParams.get("q") ?? "");
  const match = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
  const repo = match ? fake.repos.get(`${match[1]}/${match[2]}`.toLowerCase()) : undefined;
  if (!match || !repo) return { status: 404, body: { message: "Not Found" } };
  await repo.syncHeads();
  return routeRepo(repo, request, url, match[3] ?? "");
}

function graphql(fake: FakeGithub, input: { query: string; variables: { id: string } }): Answer {
  if (!input.query.includes("markPullRequestReadyForReview")) return { status: 200, body: { errors: [{ message: "The fake knows only markPullRequestReadyForReview" }] } };
  const pull = [...fake.repos.values()].flatMap((r) => r.pulls).find((p) => p.node_id === input.variables.id);
  if (!pull) return { status: 200, body: { errors: [{ message: "Could not resolve to a node" }] } };
  pull.draft = false;
  return { status: 200, body: { data: { markPullRequestReadyForReview: { pullRequest: { isDraft: false } } } } };
}

function searchIssues(fake: FakeGithub, q: string): Answer {
  const repoName = q.match(/repo:(\S+)/)?.[1]?.toLowerCase() ?? "";
  const words = q.replace(/\S+:\S+/g, "").trim().toLowerCase();
  const items = (fake.repos.get(repoName)?.issues ?? []).filter((i) => !words || i.title.toLowerCase().includes(words));
  return { status: 200, body: { total_count: items.length, incomplete_results: false, items } };
}
