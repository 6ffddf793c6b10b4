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

/** A credential in a URL: `pattern`'s group 1 stays (it says what the URL is), the rest of its match is the secret. */
export type UrlCredential = { name: string; pattern: RegExp };

/** The secret after `prefix`: up to the next `/`, `?`, `#`, quote or space. */
const afterPrefix = (name: string, prefix: RegExp): UrlCredential => ({ name, pattern: new RegExp(`(${prefix.source})[^/?#\\s"'<>]+`, prefix.flags) });

/**
 * Where a URL carries a credential outside its query: the password of its userinfo, and the path of a well-known
 * service's URL. `name` is what the MCP form says holds it, and what the value is kept under.
 */
export const URL_CREDENTIALS: readonly UrlCredential[] = [
  // https://user:<password>@host
  { name: "URL password", pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@?#]+:)[^\s@/?#]+(?=@)/i },
  // https://hooks.slack.com/services/T…/B…/<secret> (and workflows/triggers: ids, then the secret last).
  afterPrefix("Slack webhook secret", /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?:[A-Za-z0-9]+\/){2,3}/),
  // https://api.telegram.org/bot<id>:<token>/sendMessage (and /file/bot…).
  afterPrefix("Telegram bot token", /api\.telegram\.org\/(?:file\/)?bot/),
  // https://discord.com/api/webhooks/<id>/<token>
  afterPrefix("Discord webhook token", /discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d+\//),
  // https://hooks.zapier.com/hooks/catch/<account>/<secret>/
  afterPrefix("Zapier webhook secret", /hooks\.zapier\.com\/hooks\/catch\/\d+\//),
  // https://<tenant>.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<connector>/<user>[/V2<signature>]
  // (and the older outlook.office.com/webhook/…): every segment after IncomingWebhook/ is needed to post, the newer
  // URLs' last one is the signature, so the whole rest of the path is the secret.
  {
    name: "Teams webhook secret",
    pattern: /((?:\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[^/?#\s"'<>]+\/IncomingWebhook\/)[^?#\s"'<>]+/i,
  },
];
