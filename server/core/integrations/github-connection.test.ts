import { statSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SECRETS_FILE } from "./secret-store.ts";
import { GOOD_TOKEN, makeIntegrationKit, type IntegrationKit } from "./integration-test-kit.ts";
import { writeExecutable } from "../../test-support/executable.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await makeIntegrationKit();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await k.cleanup();
});

describe("GitHub connection", () => {
  it("stores only a token GitHub accepts, 0600 beside the database, and never shows or logs it", async () => {
    const printed: string[] = [];
    for (const level of ["log", "warn", "error", "info", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    }
    const { github } = k.integrations;
    const refused = github.connect({ token: "ghp_revokedrevokedrevoked", baseUrl: k.fake.url });
    await expect(refused).rejects.toMatchObject({ code: "forbidden" });
    await expect(refused).rejects.toThrow("GitHub rejected this token: check that it was copied whole and has not expired or been revoked.");
    expect(github.status().isConnected).toBe(false);

    const connection = await github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
    expect(connection).toMatchObject({ isConnected: true, login: "octo-dev", source: "token", baseUrl: k.fake.url, missingScopes: [] });
    expect(connection.rateLimit?.remaining).toBeGreaterThan(0);
    const file = join(k.kit.dataDir, SECRETS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain(GOOD_TOKEN);
    expect(JSON.stringify(github.status())).not.toContain(GOOD_TOKEN);

    // Failing calls and the poller's warnings name the problem, never the token.
    k.fake.isSecondaryLimited = true;
    await expect(k.integrations.pullRequests.refresh((await k.kit.sessions.create({ workspaceId: k.workspace.id })).session.id)).rejects.toMatchObject({ code: "rate_limited" });
    await k.integrations.poller.tick();
    k.fake.isSecondaryLimited = false;
    k.fake.tokens.clear();
    expect((await github.refresh()).problem).toMatch(/revoked or expired/);
    expect(printed.join("\n")).toContain("polling");
    expect(printed.join("\n")).not.toContain(GOOD_TOKEN);
    expect(k.fake.requests.every((r) => r.token === null || r.token === GOOD_TOKEN || r.token.startsWith("ghp_"))).toBe(true);
  });

  it("takes a new token in place of one GitHub stopped accepting; a bad new one leaves the stored one", async () => {
    const { github } = k.integrations;
    await github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
    k.fake.tokens.delete(GOOD_TOKEN);
    expect((await github.refresh()).problem).toMatch(/revoked or expired/);
    await expect(github.connect({ token: "ghp_mistypedmistyped", baseUrl: k.fake.url })).rejects.toThrow("GitHub rejected this token: check that it was copied whole and has not expired or been revoked. The stored token is kept.");
    expect(readFileSync(join(k.kit.dataDir, SECRETS_FILE), "utf8")).toContain(GOOD_TOKEN);
    k.fake.tokens.set("ghp_replacementreplacement", ["repo"]);
    expect(await github.connect({ token: "ghp_replacementreplacement", baseUrl: k.fake.url })).toMatchObject({ isConnected: true, login: "octo-dev", problem: null });
    expect(readFileSync(join(k.kit.dataDir, SECRETS_FILE), "utf8")).not.toContain(GOOD_TOKEN);
  });

  it("reports the scopes a classic token lacks, imports the token of a signed-in gh CLI, and disconnects", async () => {
    k.fake.tokens.set("ghp_classicclassicclassic", ["read:org"]);
    expect(await k.integrations.github.connect({ token: "ghp_classicclassicclassic", baseUrl: k.fake.url })).toMatchObject({ scopes: ["read:org"], missingScopes: ["repo"] });

    const gh = join(k.kit.dataDir, "gh");
    writeExecutable(gh, `#!/bin/sh\n[ "$1 $2" = "auth token" ] && echo ${GOOD_TOKEN}\n`);
    const withGh = (await import("./github-connection.ts")).GithubConnectionService;
    const service = new withGh({ secrets: k.integrations.secrets, ghBin: gh });
    expect(await service.connect({ importFromGh: true, baseUrl: k.fake.url })).toMatchObject({ isConnected: true, source: "gh", login: "octo-dev" });
    const missing = new withGh({ secrets: k.integrations.secrets, ghBin: join(k.kit.dataDir, "no-gh") });
    await expect(missing.connect({ importFromGh: true, baseUrl: k.fake.url })).rejects.toThrow(/gh/);
    expect(service.disconnect().isConnected).toBe(false);
    expect(readFileSync(join(k.kit.dataDir, SECRETS_FILE), "utf8")).not.toContain(GOOD_TOKEN);
  });

  it("says clearly when GitHub cannot be reached or the repository has no GitHub remote", async () => {
    await k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
    const { git } = await import("../../git/index.ts");
    expect(await k.integrations.github.remoteOf(k.repo)).toMatchObject({ kind: "github" });
    await git(k.repo, ["remote", "set-url", "origin", "https://gitlab.example.com/acme/widgets.git"]);
    await expect(k.integrations.github.repoApi(k.repo)).rejects.toMatchObject({ code: "bad_request", message: /not on 127\.0\.0\.1/ });
    expect(await k.integrations.github.remoteOf(k.repo)).toEqual({ kind: "other", url: "https://gitlab.example.com/acme/widgets.git", host: new URL(k.fake.url).host });
    await git(k.repo, ["remote", "remove", "origin"]);
    await expect(k.integrations.github.repoApi(k.repo)).rejects.toThrow(/no `origin` remote/);
    expect(await k.integrations.github.remoteOf(k.repo)).toEqual({ kind: "none" });
    await k.fake.stop();
    await expect(k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url })).rejects.toMatchObject({ code: "upstream_unavailable", message: /^GitHub could not be reached/ });
    // A name that does not resolve (offline, or a mistyped Enterprise URL) is unreachable too: it read "GitHub failed (500)".
    await expect(k.integrations.github.connect({ token: GOOD_TOKEN, baseUrl: "http://chatml-test.invalid" })).rejects.toMatchObject({
      code: "upstream_unavailable",
      message: expect.stringMatching(/^GitHub could not be reached: getaddrinfo \w+ chatml-test\.invalid$/),
    });
  });

  it("tells a token GitHub refuses from GitHub rate limited or down (the same token works once it answers), and nothing is lost", async () => {
    const { github } = k.integrations;
    await github.connect({ token: GOOD_TOKEN, baseUrl: k.fake.url });
    k.fake.outage = 503;
    expect(await github.refresh()).toMatchObject({ isConnected: true, login: "octo-dev", problem: "GitHub failed (503): Server Error", isTokenRejected: false });
    k.fake.outage = null;
    k.fake.isSecondaryLimited = true;
    expect(await github.refresh()).toMatchObject({ problem: expect.stringMatching(/^GitHub's rate limit was reached; try again in 60 s/), isTokenRejected: false });
    k.fake.isSecondaryLimited = false;
    expect(await github.refresh()).toMatchObject({ problem: null, isTokenRejected: false });
    expect(readFileSync(join(k.kit.dataDir, SECRETS_FILE), "utf8")).toContain(GOOD_TOKEN);

    k.fake.tokens.delete(GOOD_TOKEN);
    expect(await github.refresh()).toMatchObject({ problem: expect.stringMatching(/revoked or expired/), isTokenRejected: true });
  });
});
