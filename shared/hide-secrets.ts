/** What a notification shows in place of a secret. */
const HIDDEN = "•••";

/**
 * Secrets a command, an answer or an error may carry: tokens with a known prefix (Anthropic / OpenAI, GitHub, GitLab,
 * Slack, Linear, AWS, JWTs), the credential after an Authorization scheme, the value given to a variable or flag named
 * like a secret, and the password in a URL. Each keeps what says what it is (the name, the scheme) and loses its value.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(?:sk-(?:ant-)?[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|lin_(?:api|oauth)_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/g, HIDDEN],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, HIDDEN],
  // A credential has a digit: "Bearer implementation" in prose is no header.
  [/\b(Bearer\s+|Basic\s+|Authorization:\s*token\s+)(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,}/gi, `$1${HIDDEN}`],
  // "name=value" or "name:value"; "the token: now…" in prose (a space after the colon) is no assignment.
  [/(\b[A-Za-z0-9_-]*(?:token|secret|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_-]*\s*(?:=\s*|:(?=\S))|--[a-z-]*(?:token|secret|password|api-key)[a-z-]*[\s=])("[^"]*"|'[^']*'|[^\s"'&;|]+)/gi, `$1${HIDDEN}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${HIDDEN}@`],
];

/**
 * The text with what looks like a secret hidden, and whether anything was: a notification is read on a lock screen,
 * by anyone near the phone, and stays in the phone's notification history; the app, signed in, shows it all.
 * @example hideSecrets('curl -H "Authorization: Bearer abc123abc123abc123" x') // { text: 'curl -H "Authorization: Bearer •••" x', hasHidden: true }
 */
export function hideSecrets(text: string): { text: string; hasHidden: boolean } {
  const hidden = SECRET_PATTERNS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
  return { text: hidden, hasHidden: hidden !== text };
}
