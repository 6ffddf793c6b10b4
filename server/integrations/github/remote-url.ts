/** A GitHub repository named by owner and name. */
export type RepoRef = { owner: string; name: string };

/** The web host that belongs to an API base URL: api.github.com → github.com, an Enterprise `/api/v3` root → its host. */
export function webHostOf(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.host === "api.github.com" ? "github.com" : url.host;
}

/**
 * Reads owner/name from a remote URL on `host`: `https://host/o/r(.git)`, `ssh://git@host/o/r`, `git@host:o/r.git`.
 * Null when the remote is not on that host (the repository has no GitHub remote).
 * @example parseGithubRemote("git@github.com:acme/widgets.git", "github.com") // { owner: "acme", name: "widgets" }
 */
export function parseGithubRemote(remoteUrl: string, host: string): RepoRef | null {
  const trimmed = remoteUrl.trim();
  const scp = trimmed.match(/^[\w.-]+@([^:/]+):\/?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/);
  if (scp) return scp[1] === host.replace(/:\d+$/, "") ? { owner: scp[2] ?? "", name: scp[3] ?? "" } : null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.host !== host && url.hostname !== host) return null;
  const parts = url.pathname.replace(/^\/+|\/+$/g, "").replace(/\.git$/, "").split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { owner: parts[0], name: parts[1] };
}

/** A PR reference typed by a user: a number, `#12`, or a PR URL. The URL's repository must match when given. */
export function parsePullRequestRef(text: string): { number: number; repo: RepoRef | null } | null {
  const trimmed = text.trim().replace(/^#/, "");
  if (/^\d+$/.test(trimmed)) return { number: Number(trimmed), repo: null };
  const match = trimmed.match(/^https?:\/\/[^/]+\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)/);
  if (!match) return null;
  return { number: Number(match[3]), repo: { owner: match[1] ?? "", name: match[2] ?? "" } };
}
