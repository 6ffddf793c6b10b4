import { describe, expect, it } from "vitest";
import { maskUrlSecrets, secretQueryNames, unmaskUrlSecrets, URL_SECRET_MASK } from "./url-secrets.ts";

describe("a URL's credentials", () => {
  it("masks the values of query parameters named like secrets and gives them back exactly for a launch", () => {
    const typed = "https://mcp.example.test/sse?v=2&api_key=sk%2Fabc123&Access-Token=t0k#frag?token=no";
    const { url, secrets } = maskUrlSecrets(typed, {});
    expect(url).toBe(`https://mcp.example.test/sse?v=2&api_key=${URL_SECRET_MASK}&Access-Token=${URL_SECRET_MASK}#frag?token=no`);
    expect(secrets).toEqual({ api_key: "sk%2Fabc123", "Access-Token": "t0k" });
    expect(unmaskUrlSecrets(url, secrets)).toBe(typed);
    expect(secretQueryNames(typed)).toEqual(["api_key", "Access-Token"]);
    expect(secretQueryNames(url)).toEqual(["api_key", "Access-Token"]);
  });

  it("keeps the stored value for a mask sent back, takes a new one typed over it, and leaves plain URLs alone", () => {
    const sentBack = maskUrlSecrets(`https://x.test/mcp?api_key=${URL_SECRET_MASK}`, { api_key: "old" });
    expect(sentBack.secrets).toEqual({ api_key: "old" });
    expect(maskUrlSecrets("https://x.test/mcp?api_key=new", { api_key: "old" }).secrets).toEqual({ api_key: "new" });
    expect(maskUrlSecrets("https://x.test/mcp?page=2&flag", {})).toEqual({ url: "https://x.test/mcp?page=2&flag", secrets: {} });
  });
});
