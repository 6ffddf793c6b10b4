import { describe, expect, it } from "vitest";
import { hideSecrets } from "./hide-secrets.ts";

const hidden = (text: string) => hideSecrets(text).text;

describe("secrets in a notification", () => {
  it("hides tokens with a known prefix, keeping the rest of the command", () => {
    expect(hidden("gh auth login --with-token ghp_0123456789abcdefghijABCDEFGHIJ")).toBe("gh auth login --with-token •••");
    expect(hidden("ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnop123456 bun test")).toBe("ANTHROPIC_API_KEY=••• bun test");
    expect(hidden("echo sk-proj-abcdefghijklmnopqrstu | pbcopy")).toBe("echo ••• | pbcopy");
    expect(hidden("aws s3 ls # AKIAIOSFODNN7EXAMPLE")).toBe("aws s3 ls # •••");
    expect(hidden("curl -d key=lin_api_abcdefghijklmnopqrstuvwxyz")).toBe("curl -d key=•••");
    expect(hidden("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")).toBe("jwt •••");
  });

  it("hides an Authorization credential, a secret-named variable's or flag's value, and a URL's password", () => {
    expect(hidden('curl -H "Authorization: Bearer abcdef123456abcdef" https://api.example.com')).toBe('curl -H "Authorization: Bearer •••" https://api.example.com');
    expect(hidden("export DB_PASSWORD='hunter2 two' && npm start")).toBe("export DB_PASSWORD=••• && npm start");
    expect(hidden("STRIPE_SECRET_KEY=abc123 node app.js")).toBe("STRIPE_SECRET_KEY=••• node app.js");
    expect(hidden("npm publish --otp=123456 --auth-token=npm_abcdef")).toBe("npm publish --otp=123456 --auth-token=•••");
    expect(hidden("gh api -H 'Authorization: token 0123456789abcdef' /user")).toBe("gh api -H 'Authorization: token •••' /user");
    expect(hidden("git clone https://bob:p4ssw0rd@git.example.com/repo.git")).toBe("git clone https://bob:•••@git.example.com/repo.git");
  });

  it("hides a URL's password and the credential a well-known service puts in its path, keeping what says what it is", () => {
    const cases: [string, string][] = [
      ["curl https://user:pass@example.com/x", "curl https://user:•••@example.com/x"],
      ["post to https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcDEF123ghiJKL456mnoPQR", "post to https://hooks.slack.com/services/T0123ABCD/B0456EFGH/•••"],
      ["https://hooks.slack.com/workflows/T0123/A0456/789012/abcDEF123ghi failed", "https://hooks.slack.com/workflows/T0123/A0456/789012/••• failed"],
      ["curl https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage", "curl https://api.telegram.org/bot•••/sendMessage"],
      ["https://discord.com/api/webhooks/1234567890/AbC-dEf_123xyz?wait=true", "https://discord.com/api/webhooks/1234567890/•••?wait=true"],
      ["curl -X POST https://hooks.zapier.com/hooks/catch/123456/abc9xyz/ -d @x", "curl -X POST https://hooks.zapier.com/hooks/catch/123456/•••/ -d @x"],
      ["Teams: https://contoso.webhook.office.com/webhookb2/0f1e@9a8b/IncomingWebhook/5a6b7c/3f4e/V2sig. done", "Teams: https://contoso.webhook.office.com/webhookb2/0f1e@9a8b/IncomingWebhook/••• done"],
      ["MCP server docs failed: https://mcp.test/sse?v=2&api_key=abc123&x-api-key=k", "MCP server docs failed: https://mcp.test/sse?v=2&api_key=•••&x-api-key=•••"],
      ["https://x.test/?apiKey=abc&sig=0a1b&signature=zz&auth=q", "https://x.test/?apiKey=•••&sig=•••&signature=•••&auth=•••"],
      ["https://x.test/?access_token=abc&keyboard=us", "https://x.test/?access_token=•••&keyboard=us"],
    ];
    for (const [text, expected] of cases) expect(hidden(text), text).toBe(expected);
  });

  it("leaves ordinary commands, paths and prose as they are, and says whether it hid anything", () => {
    for (const text of [
      "https://x.test/search?keyboard=us&monkey=1&tokenizer=bpe&max_tokens=100&pageToken=abc&author=me",
      "open https://hooks.slack.com/ or https://api.telegram.org/ to read the docs",
      "https://key.example.com:8443/path and ssh git@github.com:me/repo.git",
      "MAX_THINKING_TOKENS=2048 npm test --design=compact --sort-key name",
      "npm test", "Read /repo/src/tokenizer.ts", "git push origin feature/password-reset", "rm -rf dist && bun run build", "Claude finished: the token bucket now refills every second.", "Fixed the token implementation; the password: now hashed.", "Bearer implementation details"]) {
      expect(hideSecrets(text), text).toEqual({ text, hasHidden: false });
    }
    expect(hideSecrets("TOKEN=abc npm test").hasHidden).toBe(true);
  });
});
