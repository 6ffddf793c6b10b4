/**
 * A path on this origin to send a browser to after sign-in, or "/". Anything that could leave the origin is refused:
 * `//evil.example/` and `/\evil.example` are protocol-relative to browsers, absolute URLs and control characters too.
 */
export function sameOriginPath(candidate: string | undefined | null): string {
  if (!candidate || !candidate.startsWith("/") || /^\/[/\\]/.test(candidate) || candidate.includes("\\") || hasControlCharacter(candidate)) return "/";
  const base = "http://same.origin.invalid";
  const url = new URL(candidate, base);
  if (url.origin !== base) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
}
