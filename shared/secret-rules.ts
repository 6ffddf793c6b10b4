/** What a hidden or masked secret shows as, in notifications, on every device and in drafts. */
export const SECRET_MASK = "•••";

/** Whole words that name a secret (`x-api-key` → x, api, key). Plurals that count things are not here (`max_tokens`). */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  "token", "secret", "password", "passwd", "pwd", "pass", "passphrase", "credential", "credentials", "creds", "auth",
  "authorization", "cookie", "session", "sig", "signature", "pat", "jwt", "key",
]);
/** Words run together that end in a secret's word: `accesstoken`, `clientsecret`, `dbpassword`, `apikey`. */
const SECRET_ENDING = /(?:token|secret|passw(?:or)?d|(?:api|access|secret|private|auth|client|app|master|signing|license|subscription)key)$/;
/** A word before `key` or `token` that says it is no credential: a sort key, a public key, a page token. */
const PLAIN_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = {
  key: new Set(["public", "sort", "cache", "primary", "foreign", "partition", "hot", "idempotency"]),
  token: new Set(["page", "continuation", "cursor"]),
};

/**
 * Whether a name (a query parameter, a variable, a flag, a header) names a secret: one of its words does. Words are
 * split at separators and camelCase (`x-api-key`, `apiKey`, `OPENAI_API_KEY`, `accessToken`), so a name that merely
 * contains such a word is none (`keyboard`, `monkey`, `tokenizer`, `author`, `max_tokens`). Too broad costs a hidden
 * value; too narrow shows a credential.
 * @example isSecretName("X-Api-Key") // true; isSecretName("keyboard") // false
 */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name);
  return words.some((word, index) => (SECRET_WORDS.has(word) || SECRET_ENDING.test(word)) && !PLAIN_BEFORE[word]?.has(words[index - 1] ?? ""));
}

function wordsOf(name: string): string[] {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return spaced.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Credentials a well-known service puts in a URL's path: what `prefix` matches stays (it says what the URL is), what
 * follows it up to the next `/`, `?`, `#` or space is the secret. `name` is what the MCP form says holds it.
 */
export const PATH_CREDENTIALS: readonly { name: string; prefix: RegExp }[] = [
  // https://hooks.slack.com/services/T…/B…/<secret> (and workflows/triggers: ids, then the secret last).
  { name: "Slack webhook secret", prefix: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?:[A-Za-z0-9]+\/){2,3}/ },
  // https://api.telegram.org/bot<id>:<token>/sendMessage (and /file/bot…).
  { name: "Telegram bot token", prefix: /api\.telegram\.org\/(?:file\/)?bot/ },
  // https://discord.com/api/webhooks/<id>/<token>
  { name: "Discord webhook token", prefix: /discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d+\// },
];

/** What `PATH_CREDENTIALS` take as the secret after their prefix: up to the next `/`, `?`, `#`, quote or space. */
export const PATH_SECRET = /[^/?#\s"'<>]+/.source;

/** The password of a URL's userinfo (`https://user:<password>@host`): group 1 keeps the scheme and the user. */
export const USERINFO_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@?#]+:)([^\s@/?#]+)@/i;
