import { describe, expect, it } from "vitest";
import { DEFAULT_PORT, parseCliArgs } from "./args.ts";

describe("parseCliArgs", () => {
  it("uses the defaults", () => {
    const parsed = parseCliArgs([], { CHATML_HOME: "/tmp/chatml-home" });
    expect(parsed).toEqual({
      kind: "run",
      options: {
        port: DEFAULT_PORT,
        isPortExplicit: false,
        host: "127.0.0.1",
        dataDir: "/tmp/chatml-home",
        claudeBin: null,
        open: true,
        tls: null,
        publicUrl: null,
        trustProxy: false,
        trustedProxies: [],
      },
    });
  });

  it("reads every flag", () => {
    const parsed = parseCliArgs(
      ["--port", "4000", "--host", "0.0.0.0", "--data-dir", "/tmp/x", "--claude-bin", "/opt/claude", "--no-open"],
      {},
    );
    expect(parsed).toMatchObject({
      kind: "run",
      options: { port: 4000, isPortExplicit: true, host: "0.0.0.0", dataDir: "/tmp/x", claudeBin: "/opt/claude", open: false },
    });
  });

  it("takes the CLI path from the environment", () => {
    const parsed = parseCliArgs([], { CHATML_CLAUDE_BIN: "/usr/bin/claude" });
    expect(parsed.kind === "run" && parsed.options.claudeBin).toBe("/usr/bin/claude");
  });

  it.each([
    [["--port", "abc"], /--port must be a whole number/],
    [["--port", "70000"], /--port must be a whole number/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["stray"], /Unexpected argument 'stray'/],
    [["--host", ""], /--host must be an address/],
  ])("refuses %j with a clear message", (argv, message) => {
    const parsed = parseCliArgs(argv, {});
    expect(parsed.kind).toBe("error");
    expect(parsed.kind === "error" && parsed.message).toMatch(message);
  });

  it("answers --help and --version", () => {
    expect(parseCliArgs(["--help"], {})).toEqual({ kind: "help" });
    expect(parseCliArgs(["--version"], {})).toEqual({ kind: "version" });
  });
});

describe("remote-access flags", () => {
  it("reads --lan, TLS files, a public URL and --trust-proxy", () => {
    const parsed = parseCliArgs(["--lan", "--tls-cert", "c.pem", "--tls-key", "k.pem", "--public-url", "https://box.ts.net/", "--trust-proxy"], {});
    expect(parsed).toMatchObject({ kind: "run", options: { host: "0.0.0.0", publicUrl: "https://box.ts.net", trustProxy: true, tls: { certPath: expect.stringMatching(/\/c\.pem$/) } } });
  });

  it("reads --trusted-proxy (repeatable; it implies --trust-proxy)", () => {
    const parsed = parseCliArgs(["--trusted-proxy", "10.0.0.2", "--trusted-proxy", "[fd00::1]"], {});
    expect(parsed).toMatchObject({ kind: "run", options: { trustProxy: true, trustedProxies: ["10.0.0.2", "fd00::1"] } });
  });

  it("reads `chatml login-link` and its data dir", () => {
    expect(parseCliArgs(["login-link", "--data-dir", "/tmp/d"], {})).toEqual({ kind: "login-link", dataDir: "/tmp/d" });
    expect(parseCliArgs(["login-link"], { CHATML_HOME: "/tmp/h" })).toEqual({ kind: "login-link", dataDir: "/tmp/h" });
    expect(parseCliArgs(["login-link", "--port", "1"], {}).kind).toBe("error");
  });

  it.each([
    [["--trusted-proxy", "proxy.local"], /--trusted-proxy must be an IP address/],
    [["--tls-cert", "c.pem"], /go together/],
    [["--public-url", "box.ts.net"], /--public-url must be an http\(s\) origin/],
    [["--public-url", "https://box.ts.net/chatml"], /--public-url must be an http\(s\) origin/],
    [["--lan", "--host", "10.0.0.5"], /--lan means --host 0.0.0.0/],
  ])("refuses %j", (argv, message) => {
    const parsed = parseCliArgs(argv, {});
    expect(parsed.kind === "error" && parsed.message).toMatch(message);
  });
});
