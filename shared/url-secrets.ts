/** What a URL's secret query value shows as, on every device and in drafts; sent back as it is, the stored value stays. */
export const URL_SECRET_MASK = "•••";

/**
 * A name whose value is a secret unless the user says otherwise (GITHUB_TOKEN, OPENAI_API_KEY, DB_PASSWORD,
 * Authorization, Cookie, api_key, GITLAB_PAT…). Too broad costs a hidden value; too narrow would store a credential.
 */
export function looksSecret(name: string): boolean {
  return /token|secret|passw|pwd|key|credential|auth|cookie|session|private|signature|(?:^|[^a-z])pat$/i.test(name.trim());
}

/**
 * The URL with the value of each query parameter named like a credential (`?api_key=…`) masked, and those values by
 * name (as typed, still %-encoded, so the URL is rebuilt exactly). A masked value sent back takes the one in `kept`.
 * Done by hand, not with `URL`: that re-encodes what it does not touch, and the CLI gets the URL as the user typed it.
 * @example maskUrlSecrets("https://x.test/mcp?api_key=abc&v=1", {}) // { url: "https://x.test/mcp?api_key=•••&v=1", secrets: { api_key: "abc" } }
 */
export function maskUrlSecrets(url: string, kept: Record<string, string>): { url: string; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const masked = mapQuery(url, (name, value) => {
    if (!looksSecret(name) || value === "") return value;
    const secret = value === URL_SECRET_MASK ? kept[name] : value;
    if (secret !== undefined) secrets[name] = secret;
    return URL_SECRET_MASK;
  });
  return { url: masked, secrets };
}

/** The URL with its masked values put back: only for the CLI's launch file. */
export function unmaskUrlSecrets(url: string, secrets: Record<string, string>): string {
  return mapQuery(url, (name, value) => (value === URL_SECRET_MASK ? (secrets[name] ?? value) : value));
}

/** Names of the URL's query parameters that `maskUrlSecrets` masks (masked already or not). */
export function secretQueryNames(url: string): string[] {
  const names: string[] = [];
  mapQuery(url, (name, value) => (looksSecret(name) && value !== "" && names.push(name), value));
  return names;
}

/** Rewrites each `name=value` of the query (not the fragment), `name` decoded. */
function mapQuery(url: string, map: (name: string, value: string) => string): string {
  const hashAt = url.indexOf("#");
  const [beforeHash, hash] = hashAt < 0 ? [url, ""] : [url.slice(0, hashAt), url.slice(hashAt)];
  const queryAt = beforeHash.indexOf("?");
  if (queryAt < 0) return url;
  const pairs = beforeHash.slice(queryAt + 1).split("&").map((pair) => {
    const equalsAt = pair.indexOf("=");
    if (equalsAt < 0) return pair;
    const rawName = pair.slice(0, equalsAt);
    return `${rawName}=${map(decodeSafely(rawName), pair.slice(equalsAt + 1))}`;
  });
  return `${beforeHash.slice(0, queryAt + 1)}${pairs.join("&")}${hash}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A broken %-escape is read as typed: the name still says what it looks like.
    return text;
  }
}
