import type * as OctokitModule from "@octokit/rest";
import type { Octokit } from "@octokit/rest";
import { lazyModule } from "../../lib/lazy-module.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { RateLimit } from "../../../shared/protocol/integrations.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** How the GitHub client reports what it learns on every answer. */
export type GithubClientOptions = {
  token: string;
  /** The REST API root: `https://api.github.com`, or `https://<host>/api/v3` for GitHub Enterprise. */
  baseUrl: string;
  onRateLimit?: (limit: RateLimit) => void;
};

// Loaded when GitHub is first used, not at start-up.
const octokitModule = lazyModule<typeof OctokitModule>("@octokit/rest");

type CachedAnswer = { etag: string; response: unknown };
/** Cached GET answers, so a repeated request can be sent conditionally (a 304 costs no rate limit). */
const MAX_CACHED = 500;

/**
 * An Octokit whose GETs are conditional (ETag / If-None-Match, the cached answer reused on 304), that reports rate
 * limits, never retries on its own, never logs (the token could end up in a log line), and throws {@link AppError}s.
 * @example const octokit = createGithubClient({ token, baseUrl: "https://api.github.com" });
 */
export function createGithubClient(options: GithubClientOptions): Octokit {
  const silent = () => undefined;
  const octokit = new (octokitModule.load().Octokit)({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "chatml",
    log: { debug: silent, info: silent, warn: silent, error: silent },
  });
  const cache = new Map<string, CachedAnswer>();
  octokit.hook.wrap("request", async (request, requestOptions) => {
    const parsed = octokit.request.endpoint.parse(requestOptions);
    const key = parsed.method === "GET" ? parsed.url : null;
    const cached = key ? cache.get(key) : undefined;
    if (cached) requestOptions.headers = { ...requestOptions.headers, "if-none-match": cached.etag };
    try {
      const response = await request(requestOptions);
      reportRateLimit(response.headers, options.onRateLimit);
      const etag = response.headers.etag;
      if (key && etag) remember(cache, key, { etag, response });
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers;
      if (headers) reportRateLimit(headers, options.onRateLimit);
      if (status === 304 && cached) return cached.response as Awaited<ReturnType<typeof request>>;
      throw toAppError(error);
    }
  });
  return octokit;
}

function remember(cache: Map<string, CachedAnswer>, key: string, answer: CachedAnswer): void {
  cache.delete(key);
  cache.set(key, answer);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
}

function reportRateLimit(headers: Record<string, string | number | undefined>, onRateLimit?: (limit: RateLimit) => void): void {
  const remaining = Number(headers["x-ratelimit-remaining"]);
  if (!onRateLimit || !Number.isFinite(remaining)) return;
  onRateLimit({ limit: Number(headers["x-ratelimit-limit"] ?? 0), remaining, resetAt: Number(headers["x-ratelimit-reset"] ?? 0) * 1000 });
}

/**
 * What a request that never reached GitHub says (Octokit makes it a 500 without GitHub's request id): a refused or
 * dropped connection, and a name that did not resolve — offline, or a mistyped Enterprise URL, which read "GitHub
 * failed (500): getaddrinfo ENOTFOUND api.github.com" as if GitHub had broken.
 */
const UNREACHABLE = /fetch|connect|ECONN|network|getaddrinfo|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/i;

const TOKEN_REJECTED = "GitHub rejected the token (revoked or expired). Connect GitHub again with a new token.";

/** Whether GitHub refused the token itself (401), as opposed to a permission or a network failure. */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof AppError && error.message === TOKEN_REJECTED;
}

/** GitHub's answer as a clear {@link AppError}; network failures become `upstream_unavailable`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: number }).status;
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  const message = githubMessage(error);
  if (status === undefined || (status === 500 && !headers["x-github-request-id"] && UNREACHABLE.test(message))) {
    return new AppError("upstream_unavailable", `GitHub could not be reached: ${message}`);
  }
  if (status === 401) return new AppError("forbidden", TOKEN_REJECTED);
  if (status === 403 || status === 429) {
    if (headers["retry-after"] || headers["x-ratelimit-remaining"] === "0") {
      const retryAfterSeconds = Number(headers["retry-after"] ?? 60);
      return new AppError("rate_limited", `GitHub's rate limit was reached; try again in ${retryAfterSeconds} s. (${message})`, { retryAfterSeconds });
    }
    return new AppError("forbidden", `GitHub refused: ${message}. The token may lack a permission for this repository.`);
  }
  if (status === 404) return new AppError("not_found", `GitHub: not found (or the token cannot see it). ${message}`);
  if (status === 405 || status === 409 || status === 422) return new AppError("conflict", `GitHub refused: ${message}`);
  if (status >= 500) return new AppError("upstream_unavailable", `GitHub failed (${status}): ${message}`);
  return new AppError("bad_request", `GitHub answered ${status}: ${message}`);
}

function githubMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: string; errors?: { message?: string }[] } } }).response?.data;
  const details = (data?.errors ?? []).map((e) => e.message).filter(Boolean).join("; ");
  const base = data?.message ?? (messageOf(error));
  return details ? `${base} (${details})` : base;
}
