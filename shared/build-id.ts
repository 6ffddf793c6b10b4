/**
 * The build id of the app: the entry module its index page names (`/assets/index-<hash>.js`, the hash of the build's
 * content); null in development, where no build exists.
 */
export function entryOf(html: string): string | null {
  return /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? null;
}

/** How the server's app stands to the page's: a later version, an earlier one, or another build of the same version. */
export type UpdateChange = "newer" | "older" | "rebuilt";

/**
 * Orders two package versions (`1.2.10` after `1.2.9`; a pre-release before its release; pre-releases compare by their
 * dot-separated parts, numbers as numbers). Answers < 0, 0 or > 0.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA = "", preA] = splitVersion(a);
  const [coreB = "", preB] = splitVersion(b);
  const core = compareParts(coreA.split("."), coreB.split("."));
  if (core !== 0) return core;
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  return compareParts(preA.split("."), preB.split("."));
}

function splitVersion(version: string): [string, string | undefined] {
  const plain = version.trim().replace(/^v/, "").split("+")[0] ?? "";
  const dash = plain.indexOf("-");
  return dash === -1 ? [plain, undefined] : [plain.slice(0, dash), plain.slice(dash + 1)];
}

function compareParts(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const [isNumX, isNumY] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    const order = isNumX && isNumY ? Number(x) - Number(y) : isNumX !== isNumY ? (isNumX ? -1 : 1) : x.localeCompare(y);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

/** The index page's `<meta name>` listing the first screen's lazy chunks (scripts/shell-chunks.ts writes it). */
export const SHELL_CHUNKS_META = "chatml-shell-chunks";

/**
 * What the service worker caches with an index page: the assets it loads (`src` / `href` under /assets/) and the lazy
 * chunks its first screen loads, which it names in its {@link SHELL_CHUNKS_META} meta. web/public/sw.js reads the
 * same (plain JavaScript, it cannot import this; sw-routing.test.ts holds the two together).
 */
export function shellAssetsOf(html: string): string[] {
  const loaded = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? "");
  const lazy = new RegExp(`<meta name="${SHELL_CHUNKS_META}" content="([^"]*)"`).exec(html)?.[1]?.split(" ") ?? [];
  return [...new Set([...loaded, ...lazy])].filter((file) => file.startsWith("/assets/"));
}
