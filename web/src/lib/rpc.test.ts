// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { ApiError } from "./http.ts";
import { call, client } from "./rpc.ts";

let logged: { warn: MockInstance; error: MockInstance };
beforeEach(() => {
  logged = { warn: vi.spyOn(console, "warn"), error: vi.spyOn(console, "error").mockImplementation(() => undefined) };
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const answer = (body: unknown, status: number) => vi.stubGlobal("fetch", vi.fn(async () => Response.json(body, { status })));
const failed = (request: Promise<unknown>) => request.then(() => { throw new Error("the call succeeded"); }, (error: unknown) => error);

describe("call", () => {
  it("hands a refusal (409, 400, 503 cli_unavailable) to the caller with the server's words and logs nothing", async () => {
    answer({ error: { code: "conflict", message: "The turn budget is used up." } }, 409);
    const conflict = await failed(call(client.info.$get()));
    expect(conflict).toBeInstanceOf(ApiError);
    expect(conflict).toMatchObject({ code: "conflict", status: 409, message: "The turn budget is used up." });
    answer({ error: { code: "bad_request", message: "Malformed JSON: Unexpected end" } }, 400);
    expect(await failed(call(client.info.$get()))).toMatchObject({ code: "bad_request", status: 400 });
    answer({ error: { code: "cli_unavailable", message: "Claude Code is not running in this conversation; send a message to start it." } }, 503);
    expect(await failed(call(client.info.$get()))).toMatchObject({ code: "cli_unavailable", status: 503 });
    expect(logged.warn).not.toHaveBeenCalled();
    expect(logged.error).not.toHaveBeenCalled();
  });

  it("says the server is unreachable when fetch fails, without logging what the user already reads", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("Failed to fetch"); }));
    expect(await failed(call(client.info.$get()))).toMatchObject({ code: "network", status: 0, message: expect.stringMatching(/Cannot reach the ChatML server/) });
    expect(logged.warn).not.toHaveBeenCalled();
    expect(logged.error).not.toHaveBeenCalled();
  });

  it("logs a server failure (500, a proxy's 502 page) for whoever debugs it, and still gives the caller its message", async () => {
    answer({ error: { code: "internal", message: "Something went wrong on the server; it has been logged." } }, 500);
    expect(await failed(call(client.info.$get()))).toMatchObject({ code: "internal", status: 500 });
    expect(logged.error).toHaveBeenCalledTimes(1);
    expect(String(logged.error.mock.calls[0]?.[0])).toMatch(/answered 500: Something went wrong/);
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<html>Bad Gateway</html>", { status: 502, statusText: "Bad Gateway" })));
    expect(await failed(call(client.info.$get()))).toMatchObject({ code: "internal", status: 502 });
    expect(logged.error).toHaveBeenCalledTimes(2);
  });

  it("logs a fault in the page that stopped the request before it was sent, and lets a caller's abort through unchanged", async () => {
    const bug = new RangeError("a bug in the page");
    vi.stubGlobal("fetch", vi.fn(async () => { throw bug; }));
    expect(await failed(call(client.info.$get()))).toMatchObject({ code: "network" });
    expect(logged.error).toHaveBeenCalledWith("[api] the request could not be sent:", bug);

    const abort = new DOMException("The user aborted a request.", "AbortError");
    vi.stubGlobal("fetch", vi.fn(async () => { throw abort; }));
    expect(await failed(call(client.info.$get()))).toBe(abort);
    expect(logged.error).toHaveBeenCalledTimes(1);
  });
});
