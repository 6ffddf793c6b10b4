import { describe, expect, it } from "vitest";
import { maskUrlSecrets, unmaskUrlSecrets, urlSecretNames, URL_SECRET_MASK } from "./url-secrets.ts";

describe("a URL's credentials", () => {
  it("masks the values of query parameters named like secrets and gives them back exactly for a launch", () => {
    const typed = "https://mcp.example.test/sse?v=2&api_key=sk%2Fabc123&Access-Token=t0k#frag?token=no";
    const { url, secrets } = maskUrlSecrets(typed, {});
    expect(url).toBe(`https://mcp.example.test/sse?v=2&api_key=${URL_SECRET_MASK}&Access-Token=${URL_SECRET_MASK}#frag?token=no`);
    expect(secrets).toEqual({ api_key: "sk%2Fabc123", "Access-Token": "t0k" });
    expect(unmaskUrlSecrets(url, secrets)).toBe(typed);
    expect(urlSecretNames(typed)).toEqual(["api_key", "Access-Token"]);
    expect(urlSecretNames(url)).toEqual(["api_key", "Access-Token"]);
  });

  it("keeps the stored value for a mask sent back, takes a new one typed over it, and leaves plain URLs alone", () => {
    const sentBack = maskUrlSecrets(`https://x.test/mcp?api_key=${URL_SECRET_MASK}`, { api_key: "old" });
    expect(sentBack.secrets).toEqual({ api_key: "old" });
    expect(maskUrlSecrets("https://x.test/mcp?api_key=new", { api_key: "old" }).secrets).toEqual({ api_key: "new" });
    expect(maskUrlSecrets("https://x.test/mcp?page=2&flag", {})).toEqual({ url: "https://x.test/mcp?page=2&flag", secrets: {} });
  });

  it.each([
    ["https://user:pa%40ss@mcp.test/sse", "https://user:•••@mcp.test/sse", { "URL password": "pa%40ss" }],
    ["https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcDEF123ghi", "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/•••", { "Slack webhook secret": "abcDEF123ghi" }],
    ["https://api.telegram.org/bot123456:AAH-dq_Tc/getMe", "https://api.telegram.org/bot•••/getMe", { "Telegram bot token": "123456:AAH-dq_Tc" }],
    ["https://discord.com/api/webhooks/123/AbC-dEf?wait=1", "https://discord.com/api/webhooks/123/•••?wait=1", { "Discord webhook token": "AbC-dEf" }],
    ["https://hooks.zapier.com/hooks/catch/123456/abc9xyz/", "https://hooks.zapier.com/hooks/catch/123456/•••/", { "Zapier webhook secret": "abc9xyz" }],
    [
      "https://contoso.webhook.office.com/webhookb2/0f1e-2d@9a8b-7c/IncomingWebhook/5a6b7c8d9e/3f4e-5d/V2aBcD-eF?x=1",
      "https://contoso.webhook.office.com/webhookb2/0f1e-2d@9a8b-7c/IncomingWebhook/•••?x=1",
      { "Teams webhook secret": "5a6b7c8d9e/3f4e-5d/V2aBcD-eF" },
    ],
    [
      "https://outlook.office.com/webhook/0f1e@9a8b/IncomingWebhook/5a6b7c/3f4e",
      "https://outlook.office.com/webhook/0f1e@9a8b/IncomingWebhook/•••",
      { "Teams webhook secret": "5a6b7c/3f4e" },
    ],
    ["https://u:p@x.test/mcp?apiKey=k1&x-api-key=k2&sig=s&keyboard=us", "https://u:•••@x.test/mcp?apiKey=•••&x-api-key=•••&sig=•••&keyboard=us", { "URL password": "p", apiKey: "k1", "x-api-key": "k2", sig: "s" }],
  ] as const)("masks the credential in %s and puts it back exactly", (typed, masked, secrets) => {
    const result = maskUrlSecrets(typed, {});
    expect(result).toEqual({ url: masked, secrets });
    expect(unmaskUrlSecrets(result.url, result.secrets)).toBe(typed);
    expect(urlSecretNames(masked)).toEqual(Object.keys(secrets));
    // Sent back masked, the kept values stay.
    expect(maskUrlSecrets(masked, result.secrets)).toEqual(result);
  });

  it.each([
    "https://x.test/search?keyboard=us&monkey=1&tokenizer=bpe&max_tokens=100&pageToken=abc&author=me&design=2",
    "https://user@x.test/mcp",
    "https://x.test/a:b@c/d",
    "https://hooks.slack.com/",
    "https://api.telegram.org/",
    "https://hooks.zapier.com/hooks/catch/123456/",
    "https://contoso.webhook.office.com/webhookb2/0f1e@9a8b/IncomingWebhook/",
    "https://x.test/mcp?next=https://hooks.slack.com/services/T1/B2/abc#frag",
    "https://x.test/mcp?token=",
    "not a url at all",
  ])("leaves %s as it is", (url) => {
    expect(maskUrlSecrets(url, {})).toEqual({ url, secrets: {} });
    expect(unmaskUrlSecrets(url, {})).toBe(url);
  });
});
