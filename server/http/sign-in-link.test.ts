import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
});
afterAll(() => server.cleanup());

const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

describe("one-time sign-in links (hole 5)", () => {
  it("never carries the owner token, works once, and a second use gets a page saying how to get a new link", async () => {
    const link = server.signInUrl;
    expect(link).not.toContain(server.token);
    const first = await fetch(link, { redirect: "manual" });
    expect(first.status).toBe(303);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(cookieOf(first)).toMatch(/^chatml_device=dev_/);
    const again = await fetch(link, { redirect: "manual" });
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    const page = await again.text();
    expect(page).toContain("already used");
    // `bunx`: who started ChatML the way the README says has no `chatml` command on PATH.
    expect(page).toContain("run <code>bunx chatml login-link</code>");
    // A clone has no published package to fetch: its own command is named too, without the machine's paths (ADR 0146).
    expect(page).toContain("<code>bun bin/chatml.ts login-link</code>");
    expect(page).toContain("Pair a device");
  });

  it("fifty concurrent uses of one link make one device, not fifty", async () => {
    const before = await devicesCount();
    const link = server.signInUrl;
    const results = await Promise.all(Array.from({ length: 50 }, () => fetch(link, { redirect: "manual" }).then((r) => r.status)));
    expect(results.filter((status) => status === 303)).toHaveLength(1);
    expect(await devicesCount()).toBe(before + 1);
  });

  it("sends a browser that reopens a spent link while signed in to the app, not to an error", async () => {
    const link = server.signInUrl;
    const cookie = cookieOf(await fetch(link, { redirect: "manual" }));
    const reopened = await fetch(link, { redirect: "manual", headers: { cookie } });
    expect(reopened.status).toBe(303);
    expect(reopened.headers.get("location")).toBe("/");
  });

  it("a browser signed in already that opens a new link stays the one device it is (each sign-in added a device)", async () => {
    const cookie = cookieOf(await fetch(server.signInUrl, { redirect: "manual" }));
    const before = await devicesCount();
    const again = await fetch(server.signInUrl, { redirect: "manual", headers: { cookie } });
    expect(again.status).toBe(303);
    expect(cookieOf(again)).toBe(cookie);
    expect(await devicesCount()).toBe(before);
    // Signed out, the same cookie never comes back: the next link makes it a new device.
    await fetch(`${server.url}/api/devices/${cookie.split("=")[1]?.split(".")[0]}`, { method: "DELETE", headers: { authorization: `Bearer ${server.token}`, origin: server.url } });
    const afterSignOut = await fetch(server.signInUrl, { redirect: "manual", headers: { cookie } });
    expect(cookieOf(afterSignOut)).toMatch(/^chatml_device=dev_/);
    expect(cookieOf(afterSignOut)).not.toBe(cookie);
    expect(await devicesCount()).toBe(before);
  });

  it("after sign-in, redirects only to a path on this origin", async () => {
    for (const [next, expected] of [
      ["/#/c/cnv_abc", "/#/c/cnv_abc"],
      ["//evil.example/", "/"],
      ["/\\evil.example", "/"],
      ["https://evil.example/", "/"],
    ]) {
      const response = await fetch(`${server.signInUrl}&next=${encodeURIComponent(next ?? "")}`, { redirect: "manual" });
      expect(response.status, next).toBe(303);
      expect(response.headers.get("location"), next).toBe(expected);
    }
  });

  it("an old ?token= link signs nobody in, even with the right token, and is not a failed guess", async () => {
    const response = await fetch(`${server.url}/?token=${server.token}`, { redirect: "manual" });
    // The token leaves the address before any page is shown; a marker in its place tells the sign-in page why.
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/?signin=token-link");
    expect(response.headers.get("set-cookie")).toBeNull();
    const page = await fetch(`${server.url}/?signin=token-link`, { redirect: "manual" });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("no longer sign in");
  });

  it("`chatml login-link` asks the running server for a fresh link, using the token in the data dir", async () => {
    const child = Bun.spawn([process.execPath, join(import.meta.dirname, "../../bin/chatml.ts"), "login-link", "--data-dir", server.dataDir], { stdout: "pipe", stderr: "pipe" });
    const [stdout, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
    expect(code).toBe(0);
    const link = /http:\/\/\S+\/sign-in\?code=[\w-]+/.exec(stdout)?.[0] ?? "";
    expect(link.startsWith(`${server.url}/sign-in?code=`)).toBe(true);
    expect((await fetch(link, { redirect: "manual" })).status).toBe(303);
  });
});

async function devicesCount(): Promise<number> {
  const response = await fetch(`${server.url}/api/devices`, { headers: { authorization: `Bearer ${server.token}` } });
  return ((await response.json()) as { devices: unknown[] }).devices.length;
}

describe("the sign-in link's HEAD", () => {
  it("does not spend the one-time code (a link checker or previewer), so the browser that opens it signs in", async () => {
    const link = server.signInUrl;
    const checked = await fetch(link, { method: "HEAD", redirect: "manual" });
    expect(checked.status).toBe(200);
    expect(checked.headers.get("set-cookie")).toBeNull();
    const opened = await fetch(link, { redirect: "manual" });
    expect(opened.status).toBe(303);
    expect(cookieOf(opened)).toMatch(/^chatml_device=dev_/);
  });
});
