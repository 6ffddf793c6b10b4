/** Longest session name: it names the session's worktree folder and, with the workspace's prefix, its branch. */
export const SESSION_NAME_MAX = 60;

/**
 * A session name made from free text ("Fix the login page!" → "fix-the-login-page", "Café" → "cafe"): lower-case
 * letters and digits in words joined by dashes, at most `maxLength` characters; "session" when nothing is left.
 */
export function slugName(text: string, maxLength = 40): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug || "session";
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
