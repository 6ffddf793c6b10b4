import type { Octokit } from "@octokit/rest";
import type { ConnectGithubInput } from "../../../shared/api/integrations.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { GithubConnection, GithubRemote, RateLimit } from "../../../shared/protocol/integrations.ts";
import { configValue } from "../../git/index.ts";
import { GithubRepoApi, whoAmI } from "../../integrations/github/github-api.ts";
import { createGithubClient, isTokenRejected } from "../../integrations/github/github-client.ts";
import { readGhToken } from "../../integrations/github/gh-cli.ts";
import { parseGithubRemote, webHostOf } from "../../integrations/github/remote-url.ts";
import type { SecretStore } from "./secret-store.ts";
import { messageOf } from "../../../shared/error-message.ts";

export const DEFAULT_GITHUB_API = "https://api.github.com";
/** Classic-token scopes ChatML needs for pull requests, checks, logs and re-runs. */
const NEEDED_SCOPES = ["repo"];

type Deps = {
  secrets: SecretStore;
  ghBin: string;
  /** Told when the stored connection changed (connected, disconnected), so every device reads it again. */
  onChange?: () => void;
};

/** The GitHub connection: token (typed or from `gh`), API base URL, account, scopes and the rate limit left. */
export class GithubConnectionService {
  private octokit: Octokit | null = null;
  private account: { login: string; scopes: string[] } | null = null;
  private problem: string | null = null;
  private isProblemTheToken = false;
  private limit: RateLimit | null = null;

  constructor(private readonly deps: Deps) {}

  /** What the connection screen shows; never the token. */
  status(): GithubConnection {
    const stored = this.deps.secrets.read().github;
    const scopes = this.account?.scopes ?? [];
    return {
      isConnected: stored !== null,
      source: stored?.source ?? null,
      baseUrl: stored?.baseUrl ?? DEFAULT_GITHUB_API,
      login: this.account?.login ?? null,
      scopes,
      missingScopes: scopes.length === 0 ? [] : NEEDED_SCOPES.filter((s) => !scopes.includes(s)),
      rateLimit: this.limit,
      problem: this.problem,
      isTokenRejected: this.problem !== null && this.isProblemTheToken,
    };
  }

  /** Checks the token against GitHub first; only a token GitHub accepts is stored. */
  async connect(input: ConnectGithubInput): Promise<GithubConnection> {
    const baseUrl = (input.baseUrl ?? DEFAULT_GITHUB_API).replace(/\/+$/, "");
    const token = input.token ?? (await readGhToken(this.deps.ghBin, webHostOf(baseUrl).replace(/:\d+$/, "")));
    const octokit = this.build(token, baseUrl);
    const account = await whoAmI(octokit).catch((error: unknown) => {
      // Said of a token just typed, "revoked or expired … connect again" would point back at the same form.
      if (isTokenRejected(error)) throw new AppError("forbidden", `GitHub rejected this token: check that it was copied whole and has not expired or been revoked.${this.deps.secrets.read().github ? " The stored token is kept." : ""}`);
      throw error;
    });
    this.deps.secrets.write({ github: { token, source: input.token ? "token" : "gh", baseUrl } });
    Object.assign(this, { octokit, account, problem: null });
    this.deps.onChange?.();
    return this.status();
  }

  disconnect(): GithubConnection {
    this.deps.secrets.write({ github: null });
    Object.assign(this, { octokit: null, account: null, problem: null, limit: null });
    this.deps.onChange?.();
    return this.status();
  }

  /** Reads the account again (after a restart, or to show whether the token still works). */
  async refresh(): Promise<GithubConnection> {
    if (!this.deps.secrets.read().github) return this.status();
    try {
      this.account = await whoAmI(this.client());
      this.problem = null;
    } catch (error) {
      this.problem = messageOf(error);
      this.isProblemTheToken = isTokenRejected(error);
    }
    return this.status();
  }

  /** The API client, or a clear error when GitHub is not connected. */
  client(): Octokit {
    if (this.octokit) return this.octokit;
    const stored = this.deps.secrets.read().github;
    if (!stored) throw new AppError("bad_request", "GitHub is not connected. Connect it under Integrations first.");
    this.octokit = this.build(stored.token, stored.baseUrl);
    return this.octokit;
  }

  /** The rate limit left, as last reported. */
  rateLimit(): RateLimit | null {
    return this.limit;
  }

  /** Where a local repository's `origin` points: this GitHub's repository (github.com when none is connected), none, or another host. */
  async remoteOf(repoPath: string): Promise<GithubRemote> {
    const host = webHostOf(this.status().baseUrl);
    const url = await configValue(repoPath, "remote.origin.url");
    if (!url) return { kind: "none" };
    const repo = parseGithubRemote(url, host);
    return repo ? { kind: "github", repo: `${repo.owner}/${repo.name}` } : { kind: "other", url, host };
  }

  /** The GitHub repository of a local repository's `origin`, or a clear error when it has none on this GitHub. */
  async repoApi(repoPath: string): Promise<GithubRepoApi> {
    const client = this.client();
    const remote = await this.remoteOf(repoPath);
    if (remote.kind === "none") throw new AppError("bad_request", "This repository has no `origin` remote, so it has no GitHub repository.");
    if (remote.kind === "other") throw new AppError("bad_request", `The origin remote (${remote.url}) is not on ${remote.host}; pull requests need a GitHub remote.`);
    const [owner = "", name = ""] = remote.repo.split("/");
    return new GithubRepoApi(client, { owner, name });
  }

  private build(token: string, baseUrl: string): Octokit {
    return createGithubClient({ token, baseUrl, onRateLimit: (limit) => (this.limit = limit) });
  }
}
