/** A content block the fake model produces; tool_use ids are assigned when the reply is encoded. */
export type FakeBlock =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string }
  | { type: "tool_use"; name: string; input: Record<string, unknown>; idPrefix?: string };

/** What the fake answers to one Messages API request. */
export type FakeReply =
  | {
      kind: "message";
      blocks: FakeBlock[];
      chunkDelayMs?: number;
      textChunks?: number;
      warmCache?: boolean;
      /** After this many content deltas the stream stops until the test calls `FakeApi.releaseHeldStreams()`. */
      holdAfterDeltas?: number;
    }
  | { kind: "error"; status: number; errorType: string; message: string; headers?: Record<string, string> }
  | { kind: "stream-error"; blocks: FakeBlock[]; errorType: string; message: string };

/** One request the fake received, with the script decision it made. */
export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  headers: Record<string, string>;
  body: unknown;
  script?: string;
  step?: number;
  stream?: boolean;
  reply?: string;
  status: number;
  /** Whether its streamed reply waits at its hold now (`@@held`): a test waits on this, not on a time. */
  isHeld?: boolean;
  /** How many content deltas of its streamed reply have been sent so far. */
  deltasSent?: number;
}

/** Loose shape of a Messages API content block as the CLI sends it. */
export interface ApiBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  tool_use_id?: string;
  tool_name?: string;
  content?: string | ApiBlock[];
  input?: unknown;
}

/** Loose shape of one Messages API message. */
export interface ApiMessage {
  role: string;
  content: string | ApiBlock[];
}

/** Loose shape of a Messages API request body. */
export interface ApiRequestBody {
  model?: string;
  stream?: boolean;
  max_tokens?: number;
  system?: string | ApiBlock[];
  messages?: ApiMessage[];
  tools?: { name: string; defer_loading?: boolean }[];
}
