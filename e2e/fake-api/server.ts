import { readConversation } from "./conversation.ts";
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
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return { unparsable: text.slice(0, 200), error: String(error) };
  }
}

function messages(body: ApiRequestBody, record: RecordedRequest, failures: Map<string, number>, holdGate: () => Promise<void>): Response {
  const conversation = readConversation(body);
  // Scope the fail-N-times counters to one CLI session, so equal prompts in other sessions fail afresh.
  conversation.key = `${record.headers["x-claude-code-session-id"] ?? ""}|${conversation.key}`;
  const reply = chooseReply(conversation, failures);
  Object.assign(record, { script: conversation.script, step: conversation.step, stream: body.stream === true, reply: describeReply(reply) });
  const onDeltaSent = () => void (record.deltasSent = (record.deltasSent ?? 0) + 1);
  const ctx = { model: conversation.model, inputChars: JSON.stringify(body).length, stream: body.stream === true, onDeltaSent, holdGate };
  return replyResponse(reply, ctx);
}

function route(req: Request, body: unknown, record: RecordedRequest, failures: Map<string, number>, holdGate: () => Promise<void>): Response {
  const path = new URL(req.url).pathname;
  if (path === "/" && (req.method === "GET" || req.method === "HEAD")) return Response.json({ ok: true, fake: "anthropic" });
  if (req.method !== "POST") return errorResponse(404, "not_found_error", `fake API: no route ${req.method} ${path}`);
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
  return { url: `http://127.0.0.1:${port}`, port, requests, releaseHeldStreams: holds.release, stop: () => server.stop(true) };
}
