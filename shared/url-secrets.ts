import { isSecretName, SECRET_MASK, URL_CREDENTIALS } from "./secret-rules.ts";

/** What a URL's secret shows as, on every device and in drafts; sent back as it is, the stored value stays. */
export const URL_SECRET_MASK = SECRET_MASK;

/** Where a secret sits in a URL: `name` is what it is kept under, `start`/`end` its value's place in the URL. */
type Spot = { name: string; start: number; end: number };

/**
 * The URL with every credential masked: its userinfo password, a well-known service's credential in its path (a
 * Slack, Discord, Zapier or Teams webhook's, a Telegram bot's token: `URL_CREDENTIALS`, kept under their names) and the value of
 * each query parameter named like a secret (`?api_key=…`, `isSecretName`); and those values by name (as typed, still
 * %-encoded, so the URL is rebuilt exactly). A masked value sent back takes the one in `kept`. Done by hand, not with
 * `URL`: that re-encodes what it does not touch, and the CLI gets the URL as the user typed it.
 * @example maskUrlSecrets("https://x.test/mcp?api_key=abc&v=1", {}) // { url: "https://x.test/mcp?api_key=•••&v=1", secrets: { api_key: "abc" } }
 */
export function maskUrlSecrets(url: string, kept: Record<string, string>): { url: string; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const masked = rewrite(url, secretSpots(url), (name, value) => {
    const secret = value === URL_SECRET_MASK ? kept[name] : value;
    if (secret !== undefined) secrets[name] = secret;
    return URL_SECRET_MASK;
  });
  return { url: masked, secrets };
}

/** The URL with its masked values put back: only for the CLI's launch file. */
export function unmaskUrlSecrets(url: string, secrets: Record<string, string>): string {
  return rewrite(url, secretSpots(url, { isMaskedQueryValueSecret: true }), (name, value) => (value === URL_SECRET_MASK ? (secrets[name] ?? value) : value));
}

/** What holds a secret in the URL, by the names `maskUrlSecrets` keeps them under (masked already or not). */
export function urlSecretNames(url: string): string[] {
  return secretSpots(url).map((spot) => spot.name);
}

/**
 * The URL's secrets in the order they come. `isMaskedQueryValueSecret`: a query value that is the mask is one
 * whatever its name (it was masked, so it stands for a stored value).
 */
function secretSpots(url: string, { isMaskedQueryValueSecret = false } = {}): Spot[] {
  const queryAt = url.search(/[?#]/);
  const beforeQuery = queryAt < 0 ? url : url.slice(0, queryAt);
  const spots: Spot[] = [];
  for (const { name, pattern } of URL_CREDENTIALS) {
    const found = pattern.exec(beforeQuery);
    if (found?.[1] !== undefined) spots.push({ name, start: found.index + found[1].length, end: found.index + found[0].length });
  }
  for (const spot of querySpots(url)) {
    if (spot.value !== "" && (isSecretName(spot.name) || (isMaskedQueryValueSecret && spot.value === URL_SECRET_MASK))) spots.push(spot);
  }
  return spots;
}

/** Each `name=value` of the query (not the fragment), `name` decoded. */
function querySpots(url: string): (Spot & { value: string })[] {
  const hashAt = url.indexOf("#");
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf("?");
  if (queryAt < 0) return [];
  const spots: (Spot & { value: string })[] = [];
  let at = queryAt + 1;
  for (const pair of beforeHash.slice(queryAt + 1).split("&")) {
    const equalsAt = pair.indexOf("=");
    if (equalsAt >= 0) spots.push({ name: decodeSafely(pair.slice(0, equalsAt)), start: at + equalsAt + 1, end: at + pair.length, value: pair.slice(equalsAt + 1) });
    at += pair.length + 1;
  }
  return spots;
}

/** The URL with each spot's value replaced by what `map` makes of it (spots do not overlap). */
function rewrite(url: string, spots: Spot[], map: (name: string, value: string) => string): string {
  let rewritten = "";
  let at = 0;
  for (const spot of [...spots].sort((a, b) => a.start - b.start)) {
    rewritten += url.slice(at, spot.start) + map(spot.name, url.slice(spot.start, spot.end));
    at = spot.end;
  }
  return rewritten + url.slice(at);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A broken %-escape is read as typed: the name still says what it looks like.
    return text;
  }
}
