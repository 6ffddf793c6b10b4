import type { ServerFrame } from "../../shared/protocol/frames.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";

/** What one timed stream through the bridge (or the bare relay) delivered. */
export type StreamRun = { latencies: number[]; deltas: number; expected: number; seconds: number; errors: number };

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
  ws.onmessage = (message) => onFrame(JSON.parse(String(message.data)) as ServerFrame);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error("bench socket failed to open"));
  });
  let replayed = 0;
  const done = new Promise<void>((resolve) => {
    const previous = ws.onmessage;
    ws.onmessage = (message) => {
      previous?.call(ws, message);
      if ((JSON.parse(String(message.data)) as ServerFrame).type === "replayed" && ++replayed === ids.length) resolve();
    };
  });
  ws.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: ids.map((conversationId, i) => ({ conversationId, afterSeq: lastSeqs[i] })) }));
  await done;
  return ws;
}

/** Streams one turn of `deltas` at `perSecond` in each conversation at once, through one socket, and times every delta. */
export async function streamThroughBridge(server: Server, ids: string[], deltas: number, perSecond: number, bytes = 0): Promise<StreamRun> {
  const run: StreamRun = { latencies: [], deltas: 0, expected: deltas * ids.length, seconds: 0, errors: 0 };
  let completed = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const ws = await openSocket(server, ids, (frame) => {
    if (frame.type === "delta" && frame.event.type === "message.part.delta") {
      const latencies = stampLatencies(frame.event.delta, epochMs());
      run.deltas += latencies.length;
      for (const latency of latencies) run.latencies.push(latency);
    } else if (frame.type === "event" && frame.event.type === "turn.completed" && ++completed === ids.length) finish();
    else if (frame.type === "error") run.errors += 1;
  });
  const started = performance.now();
  await Promise.all(ids.map((id) => sendText(server, id, `stream ${deltas} ${perSecond} ${bytes}`)));
  await finished;
  run.seconds = (performance.now() - started) / 1000;
  ws.close();
  return run;
}
