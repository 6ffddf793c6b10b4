import { afterEach, describe, expect, it } from "vitest";
import { CliSocketRegistry } from "./claude/cli-socket-registry.ts";
import { cliSocketsOnFirstUse, type LazyCliSocketListener } from "./compose-cli-sockets.ts";
import { listenForCliSockets, type CliSocketListener } from "./ws/cli-socket-listener.ts";

/** The real listener, counting how often it was opened. */
function countingListen() {
  const opened: CliSocketListener[] = [];
  const listen = (registry: CliSocketRegistry) => {
    const listener = listenForCliSockets(registry);
    opened.push(listener);
    return listener;
  };
  return { listen, opened };
}

let sockets: LazyCliSocketListener | null = null;
afterEach(() => {
  sockets?.stop();
  sockets = null;
});

describe("the CLI listener opens at its first use (issue 16)", () => {
  it("does not listen until its address is asked, then listens once on loopback", async () => {
    const { listen, opened } = countingListen();
    sockets = cliSocketsOnFirstUse(new CliSocketRegistry(), listen);
    expect(sockets.isListening()).toBe(false);
    expect(opened).toHaveLength(0);

    const { baseUrl, httpBase } = sockets;
    expect(baseUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(httpBase).toBe(baseUrl.replace(/^ws:/, "http:"));
    expect(sockets.httpBase).toBe(httpBase);
    expect(opened).toHaveLength(1);
    expect((await fetch(`${httpBase}/nothing-here`)).status).toBe(404);
  });

  it("serves the handlers added before it opened, and those added after", async () => {
    sockets = cliSocketsOnFirstUse(new CliSocketRegistry());
    sockets.addHttpHandler((request) => (new URL(request.url).pathname === "/before" ? Promise.resolve(new Response("before")) : null));
    const { httpBase } = sockets;
    sockets.addHttpHandler((request) => (new URL(request.url).pathname === "/after" ? Promise.resolve(new Response("after")) : null));
    expect(await (await fetch(`${httpBase}/before`)).text()).toBe("before");
    expect(await (await fetch(`${httpBase}/after`)).text()).toBe("after");
  });

  it("stopped before it opened, it never opens: asking its address says the server is stopping", () => {
    const { listen, opened } = countingListen();
    sockets = cliSocketsOnFirstUse(new CliSocketRegistry(), listen);
    sockets.stop();
    expect(() => sockets!.baseUrl).toThrow(expect.objectContaining({ code: "server_stopping" }));
    expect(opened).toHaveLength(0);
  });

  it("stopped after it opened, it stops listening", async () => {
    sockets = cliSocketsOnFirstUse(new CliSocketRegistry());
    const { httpBase } = sockets;
    sockets.stop();
    await expect(fetch(`${httpBase}/anything`)).rejects.toThrow();
  });
});
