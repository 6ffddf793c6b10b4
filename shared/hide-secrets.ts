import { isSecretName, SECRET_MASK, URL_CREDENTIALS } from "./secret-rules.ts";

const HIDDEN = SECRET_MASK;

/** A name that may be a secret's (it holds part of a secret's word); `isSecretName` decides. Not after `//` or `@`: a host. */
const CANDIDATE_NAME = /(?<![/@])\b([A-Za-z0-9_.-]*(?:tok|secret|pass|pwd|cred|auth|cookie|session|sig|pat|jwt|key)[A-Za-z0-9_.-]*)/.source;
const VALUE = /("[^"]*"|'[^']*'|[^\s"'&;|]+)/.source;
const hideIfSecretName = (match: string, name: string, separator: string) => (isSecretName(name) ? `${name}${separator}${HIDDEN}` : match);

/**
 * Secrets a command, an answer or an error may carry: tokens with a known prefix (Anthropic / OpenAI, GitHub, GitLab,
 * Slack, Linear, AWS, JWTs), the credential after an Authorization scheme, the value given to a variable, parameter or
 * flag named like a secret (`isSecretName`), the password in a URL and the credential some services put in a URL's
 * path (Slack, Telegram, Discord, Zapier, Teams). Each keeps what says what it is (the name, the scheme, the host) and loses its value.
 */
const SECRET_PATTERNS: readonly [RegExp, string | typeof hideIfSecretName][] = [
  [/\b(?:sk-(?:ant-)?[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|lin_(?:api|oauth)_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/g, HIDDEN],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, HIDDEN],
  // A credential has a digit: "Bearer implementation" in prose is no header.
  [/\b(Bearer\s+|Basic\s+|Authorization:\s*token\s+)(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{12,}/gi, `$1${HIDDEN}`],
  // "name=value" or "name:value"; "the token: now…" in prose (a space after the colon) is no assignment.
  [new RegExp(`${CANDIDATE_NAME}(\\s*=\\s*|:(?=\\S))${VALUE}`, "gi"), hideIfSecretName],
  [new RegExp(`(--[A-Za-z][A-Za-z0-9-]*)([\\s=])${VALUE}`, "g"), hideIfSecretName],
  ...URL_CREDENTIALS.map(({ pattern }): [RegExp, string] => [new RegExp(pattern.source, `${pattern.flags}g`), `$1${HIDDEN}`]),
];

/**
 * The text with what looks like a secret hidden, and whether anything was: a notification is read on a lock screen,
 * by anyone near the phone, and stays in the phone's notification history; the app, signed in, shows it all.
 * @example hideSecrets('curl -H "Authorization: Bearer abc123abc123abc123" x') // { text: 'curl -H "Authorization: Bearer •••" x', hasHidden: true }
 */
export function hideSecrets(text: string): { text: string; hasHidden: boolean } {
  // The same call in both branches: TypeScript picks `replace`'s string or function overload, never a union of them.
  const hidden = SECRET_PATTERNS.reduce((current, [pattern, replacement]) => (typeof replacement === "string" ? current.replace(pattern, replacement) : current.replace(pattern, replacement)), text);
  return { text: hidden, hasHidden: hidden !== text };
}
