/** Longest session name: it names the session's worktree folder and, with the workspace's prefix, its branch. */
export const SESSION_NAME_MAX = 60;

/**
 * A session name made from free text ("Fix the login page!" → "fix-the-login-page", "Café" → "cafe"): lower-case
 * letters and digits in words joined by dashes, at most `maxLength` characters, cut after a whole word when it is too
 * long; "session" when nothing is left.
 */
export function slugName(text: string, maxLength = 40): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cutAtWord(words, maxLength) || "session";
}

/** `slug` within `maxLength`, ending on a whole word ("…-to-see-how" rather than "…-to-see-how-th"); a first word
 * longer than the limit is cut, as there is no earlier boundary to end on. */
function cutAtWord(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const endsOnWord = slug[maxLength] === "-";
  const lastDash = cut.lastIndexOf("-");
  return (endsOnWord || lastDash <= 0 ? cut : cut.slice(0, lastDash)).replace(/-+$/g, "");
}

/** Whether `name` can be a session's name as it is: a safe folder name and branch-name part. */
export function isValidSessionName(name: string): boolean {
  return new RegExp(`^[a-z0-9][a-z0-9._-]{0,${SESSION_NAME_MAX - 1}}$`).test(name) && !name.includes("..") && !name.endsWith(".lock");
}

/** The session name a typed one becomes: as typed when it is valid, else {@link slugName} of it. */
export function sessionNameFrom(typed: string): string {
  const trimmed = typed.trim();
  return isValidSessionName(trimmed) ? trimmed : slugName(trimmed, SESSION_NAME_MAX);
}
