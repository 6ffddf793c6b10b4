import { keepOnFailure } from "../harness/failure-context.ts";
import { readConversation } from "./conversation.ts";
import { describeRecentRequests } from "./recent-requests.ts";
import { describeReply, errorResponse, replyResponse } from "./respond.ts";
import { chooseReply } from "./scripts.ts";
import type { ApiRequestBody, RecordedRequest } from "./types.ts";

/** Options of the fake Anthropic API. */
export interface FakeApiOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Called after each request is answered (e.g. to print a log line). */
  onRequest?: (request: RecordedRequest) => void;
}

/** A running fake Anthropic Messages API. */
export interface FakeApi {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Lets every reply that holds (`@@held`) and was asked for by now go on past its hold; later ones wait for the next call. */
  releaseHeldStreams(): void;
  stop(): Promise<void>;
}

/**
 * Claude's API refuses a request over 32 MB before reading it ("Request size limits"), with this error; the fake does
 * the same so a conversation whose history outgrew a request fails as it would for real.
 */
export const MAX_REQUEST_BYTES = 32 * 1000 * 1000;
const REQUEST_TOO_LARGE = "Request exceeds the maximum allowed number of bytes.";

/**
 * Where held replies wait: each gets a gate as it is asked for, and a release opens every gate made by then — also of
 * a stream still on its way to its hold (released as its first words showed, it must not wait for the next call).
 */
function holdGates(): { gate: () => Promise<void>; release: () => void } {
  const closed = new Set<() => void>();
  return {
    gate: () => {
      const { promise, resolve } = Promise.withResolvers<void>();
      closed.add(resolve);
      return promise;
    },
    release: () => {
      for (const open of closed) open();
      closed.clear();
    },
  };
}

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return null;
  if (text.length > MAX_REQUEST_BYTES) return { tooLarge: text.length };
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return { unparsable: text.slice(0, 200), error: String(error) };
  }
}

/**
 * An image costs the real API tokens by its pixels (width × height / 750, about 1,600 for a full-size one), not by
 * its base64: counted by its characters, a few screenshots would look like a full context and make the CLI compact
 * after every turn. A PNG's size is in its header; other formats count as full size.
 */
function imageTokens(base64: string): number {
  const head = Buffer.from(base64.slice(0, 32), "base64");
  if (head.length < 24 || head.toString("latin1", 12, 16) !== "IHDR") return 1600;
  return Math.min(1600, Math.ceil((head.readUInt32BE(16) * head.readUInt32BE(20)) / 750));
}

function countedChars(body: ApiRequestBody): number {
  let imageChars = 0;
  const text = JSON.stringify(body, (key, value: unknown) => {
    if (key !== "source" || !value || typeof value !== "object" || !("data" in value) || typeof value.data !== "string") return value;
    imageChars += imageTokens(value.data) * 4;
    return { ...value, data: "" };
  });
  return text.length + imageChars;
}

function messages(body: ApiRequestBody, record: RecordedRequest, failures: Map<string, number>, holdGate: () => Promise<void>): Response {
  const conversation = readConversation(body);
  // Scope the fail-N-times counters to one CLI session, so equal prompts in other sessions fail afresh.
  conversation.key = `${record.headers["x-claude-code-session-id"] ?? ""}|${conversation.key}`;
  const reply = chooseReply(conversation, failures);
  Object.assign(record, { script: conversation.script, step: conversation.step, stream: body.stream === true, reply: describeReply(reply) });
  const onDeltaSent = () => void (record.deltasSent = (record.deltasSent ?? 0) + 1);
  const onHold = (isHeld: boolean) => void (record.isHeld = isHeld);
  const ctx = { model: conversation.model, inputChars: countedChars(body), stream: body.stream === true, onDeltaSent, holdGate, onHold };
  return replyResponse(reply, ctx);
}

function route(req: Request, body: unknown, record: RecordedRequest, failures: Map<string, number>, holdGate: () => Promise<void>): Response {
  const path = new URL(req.url).pathname;
  if (path === "/" && (req.method === "GET" || req.method === "HEAD")) return Response.json({ ok: true, fake: "anthropic" });
  if (req.method !== "POST") return errorResponse(404, "not_found_error", `fake API: no route ${req.method} ${path}`);
  if (body && typeof body === "object" && "tooLarge" in body) return errorResponse(413, "request_too_large", REQUEST_TOO_LARGE, { "x-should-retry": "false" });
  if (path === "/v1/messages/count_tokens") {
    return Response.json({ input_tokens: Math.max(1, Math.ceil(JSON.stringify(body).length / 4)) });
  }
  if (path === "/v1/messages" && body && typeof body === "object") return messages(body as ApiRequestBody, record, failures, holdGate);
  return errorResponse(404, "not_found_error", `fake API: no route POST ${path}`);
}

/** Starts the scripted fake of the Anthropic Messages API (markers: e2e/README.md). */
export function startFakeApi(options: FakeApiOptions = {}): FakeApi {
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, number>();
  const holds = holdGates();
  const server = Bun.serve({
    port: options.port ?? 0,
    hostname: "127.0.0.1",
    idleTimeout: 120,
    async fetch(req) {
      const url = new URL(req.url);
      const body = await readBody(req);
      const record: RecordedRequest = { method: req.method, path: url.pathname + url.search, at: Date.now(), headers: Object.fromEntries(req.headers), body, status: 0 };
      requests.push(record);
      const response = route(req, body, record, failures, holds.gate);
      record.status = response.status;
      options.onRequest?.(record);
      return response;
    },
  });
  const port = server.port ?? 0;
  // A failed test's artifact shows what the CLI asked for last (failure-artifacts.ts).
  keepOnFailure(`fake API on port ${port}: its last requests`, () => describeRecentRequests(requests));
  return { url: `http://127.0.0.1:${port}`, port, requests, releaseHeldStreams: holds.release, stop: () => server.stop(true) };
}
