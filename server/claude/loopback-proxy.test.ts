import { describe, expect, it } from "vitest";
import { bypassProxyForLoopback } from "./loopback-proxy.ts";

describe("a CLI's environment behind a proxy", () => {
  it("is left alone when no proxy is set", () => {
    const env = { PATH: "/usr/bin", NO_PROXY: "example.com" };
    expect(bypassProxyForLoopback(env)).toBe(env);
  });

  it("adds loopback to NO_PROXY in both spellings, after what the user listed in either", () => {
    expect(bypassProxyForLoopback({ HTTPS_PROXY: "http://proxy:3128" })).toMatchObject({ NO_PROXY: "127.0.0.1,localhost,::1", no_proxy: "127.0.0.1,localhost,::1" });
    const env = bypassProxyForLoopback({ http_proxy: "http://proxy:3128", NO_PROXY: "corp.example, localhost", no_proxy: "10.0.0.0/8" });
    expect(env.NO_PROXY).toBe("corp.example,localhost,10.0.0.0/8,127.0.0.1,::1");
    expect(env.no_proxy).toBe(env.NO_PROXY);
    expect(env.http_proxy).toBe("http://proxy:3128");
  });

  it("keeps a NO_PROXY of * (nothing goes through the proxy anyway)", () => {
    const env = { ALL_PROXY: "socks5://proxy:1080", NO_PROXY: "*" };
    expect(bypassProxyForLoopback(env)).toBe(env);
  });
});
