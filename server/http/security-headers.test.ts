import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, THEME_SCRIPT_HASH } from "./security-headers.ts";

const INDEX_HTML = join(import.meta.dirname, "..", "..", "web", "index.html");

/** The inline scripts of the app's page, each as the CSP hashes it (the exact text between the tags). */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => `'sha256-${createHash("sha256").update(match[1]!).digest("base64")}'`);
}

describe("the CSP and the page's inline theme script", () => {
  it("allows exactly the inline scripts web/index.html has, by hash", () => {
    const hashes = inlineScriptHashes(readFileSync(INDEX_HTML, "utf8"));
    expect(hashes).toEqual([THEME_SCRIPT_HASH]);
    const scriptSources = contentSecurityPolicy(null).split("; ").find((directive) => directive.startsWith("script-src "));
    expect(scriptSources).toBe(`script-src 'self' ${THEME_SCRIPT_HASH}`);
  });
});
