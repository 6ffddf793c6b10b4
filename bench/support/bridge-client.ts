import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";

/**
 * What one timed stream through the bridge (or the bare relay) delivered: every delta's latency, and per conversation
 * how long after the sends its first delta came; `writtenAt[i]` is when the CLI wrote the delta of `latencies[i]` (epoch
 * ms), to tell where in a turn the tail is, and `conversations[i]` whose delta it was, to tell whether the tail is a few
 * conversations or all of them.
 */
export type StreamRun = { latencies: number[]; writtenAt: number[]; stamps: string[]; conversations: string[]; firsts: number[]; deltas: number; expected: number; seconds: number; errors: number };

export const epochMs = () => performance.timeOrigin + performance.now();

/** Latencies (ms) of the stamps `<epoch ms>:<n>|` in a replaying CLI's delta text. */
export function stampLatencies(text: string, now: number): number[] {
  return text
    .split("|")
    .slice(0, -1)
    // A frame may join several deltas; each stamp may be followed by padding dots (see replay-cli's `bytes`).
    .map((piece) => now - Number(piece.slice(0, piece.indexOf(":")).replace(/^\.+/, "")));
}

type Server = { origin: string; token: string };

export async function api<T>(server: Server, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.origin}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

let commands = 0;
export const sendText = (server: Server, id: string, text: string) =>
  api(server, `/api/conversations/${id}/messages`, { commandId: `bench${process.pid}x${commands++}`, text });

/** Opens a browser-like socket subscribed live (after the stored history) to `ids`. */
export async function openSocket(server: Server, ids: string[], onFrame: (frame: ServerFrame) => void): Promise<WebSocket> {
  const lastSeqs = await Promise.all(ids.map(async (id) => (await api<{ conversation: { lastSeq: number } }>(server, `/api/conversations/${id}`)).conversation.lastSeq));
  const ws = new WebSocket(`${server.origin.replace(/^http/, "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}`, origin: server.origin } } as unknown as string[]);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error("bench socket failed to open"));
  });
  let replayed = 0;
  await new Promise<void>((resolve) => {
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      onFrame(frame);
      if (frame.type === "replayed" && ++replayed === ids.length) resolve();
    };
    ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: ids.map((conversationId, i) => ({ conversationId, afterSeq: lastSeqs[i] })) }));
  });
  // Live: each frame is parsed once, as the bare relay's client does.
  ws.onmessage = (message) => onFrame(JSON.parse(String(message.data)) as ServerFrame);
  return ws;
}

function record(run: StreamRun, latencies: number[], now: number, text: string, conversation: string): void {
  run.deltas += latencies.length;
  for (const latency of latencies) {
    run.latencies.push(latency);
    run.writtenAt.push(now - latency);
    run.conversations.push(conversation);
  }
  // The stamps themselves (`<epoch ms>:<n>`), in the same order, to find each delta in a server's trace.
  for (const piece of text.split("|").slice(0, -1)) run.stamps.push(piece.replace(/^\.+/, ""));
}

/** Streams one turn of `deltas` at `perSecond` in each conversation at once, through one socket, and times every delta. */
export function streamThroughBridge(server: Server, ids: string[], deltas: number, perSecond: number, bytes = 0, order = ""): Promise<StreamRun> {
  return runTurns(server, ids, `stream ${deltas} ${perSecond} ${bytes} ${order}`.trim(), deltas * ids.length);
}

/** Sends `command` to every conversation at once and times every stamped delta on one socket until every turn ends. */
async function runTurns(server: Server, ids: string[], command: string, expected: number): Promise<StreamRun> {
  const run: StreamRun = { latencies: [], writtenAt: [], stamps: [], conversations: [], firsts: [], deltas: 0, expected, seconds: 0, errors: 0 };
  const firstSeen = new Set<string>();
  let completed = 0;
  let started = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const ws = await openSocket(server, ids, (frame) => {
    if (frame.type === "delta" && frame.event.type === "message.part.delta") {
      const now = epochMs();
      const latencies = stampLatencies(frame.event.delta, now);
      record(run, latencies, now, frame.event.delta, frame.conversationId);
      if (latencies.length > 0 && !firstSeen.has(frame.conversationId)) {
        firstSeen.add(frame.conversationId);
        run.firsts.push(performance.now() - started);
      }
    } else if (frame.type === "event" && frame.event.type === "turn.completed" && ++completed === ids.length) finish();
    else if (frame.type === "error") run.errors += 1;
  });
  started = performance.now();
  await Promise.all(ids.map((id) => sendText(server, id, command)));
  await finished;
  run.seconds = (performance.now() - started) / 1000;
  ws.close();
  return run;
}

/**
 * The floor: the same command through the bare relay (relay-server.ts), one socket per conversation and turn, each
 * giving the turn to its conversation's replaying CLI (started by the conversation's first turn, warm after it);
 * times every stamped delta until every turn's result.
 */
export async function streamThroughRelay(port: number, count: number, deltas: number, perSecond: number, bytes = 0, order = ""): Promise<StreamRun> {
  const command = `stream ${deltas} ${perSecond} ${bytes} ${order}`.trim();
  const run: StreamRun = { latencies: [], writtenAt: [], stamps: [], conversations: [], firsts: [], deltas: 0, expected: deltas * count, seconds: 0, errors: 0 };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, conversation) => new Promise<void>((resolve, reject) => {
      // One CLI per conversation, kept warm between turns as ChatML's are: a timed turn starts no process on either side.
      const ws = new WebSocket(`ws://127.0.0.1:${port}/?cmd=${encodeURIComponent(command)}&conv=${conversation}`);
      let hasFirst = false;
      ws.onerror = () => reject(new Error("relay socket failed"));
      ws.onmessage = (message) => {
        const line = JSON.parse(String(message.data)) as { type: string; event?: { delta?: { type?: string; text?: string } } };
        if (line.type === "result") return ws.close(), resolve();
        if (line.event?.delta?.type !== "text_delta") return;
        const now = epochMs();
        const latencies = stampLatencies(line.event.delta.text ?? "", now);
        if (latencies.length > 0 && !hasFirst) {
          hasFirst = true;
          run.firsts.push(performance.now() - started);
        }
        record(run, latencies, now, line.event.delta.text ?? "", String(conversation));
      };
    })),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
