import type { Conversation } from "./conversation.ts";
import { oneShotReply } from "./one-shot-scripts.ts";
import { quote, say, toolScripts } from "./tool-scripts.ts";
import type { Script } from "./tool-scripts.ts";
import type { FakeReply } from "./types.ts";

const THINKING = "The user wants a greeting. I will answer briefly.";
/** Text streamed by @@text. */
export const TEXT_REPLY = "Hello! This is the fake API speaking in several chunks.";
/** The next prompt the fake predicts when the CLI asks for a prompt suggestion (after a @@suggest turn). */
export const SUGGESTION_REPLY = "Now add a test for the greeting";
/** The CLI's prompt-suggestion request (2.1.330+, `promptSuggestions` in initialize) starts its user text with this. */
const SUGGESTION_MODE = "[SUGGESTION MODE:";
/** Text streamed by @@slow (40 words, 100 ms apart: 4 s) and @@long (the same words 400 ms apart: 16 s), one chunk each. */
export const SLOW_REPLY = Array.from({ length: 40 }, (_, i) => `slow-${String(i + 1).padStart(2, "0")}`).join(" ");

/** `@@held`'s pause before each chunk: 100 ms, or the marker's `:<ms>` when it is a whole number. */
function heldPacingMs(arg: string | undefined): number {
  return arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : 100;
}

const errors: Record<string, Omit<Extract<FakeReply, { kind: "error" }>, "kind">> = {
  err500: { status: 500, errorType: "api_error", message: "Internal server error (fake)" },
  err529: { status: 529, errorType: "overloaded_error", message: "Overloaded (fake)" },
  err429: { status: 429, errorType: "rate_limit_error", message: "Rate limited (fake)", headers: { "retry-after": "1" } },
  // A rate limit long enough to watch the countdown (the CLI honours retry-after).
  ratelimit: { status: 429, errorType: "rate_limit_error", message: "Rate limited (fake)", headers: { "retry-after": "6" } },
  err400: { status: 400, errorType: "invalid_request_error", message: "Bad request (fake)", headers: { "x-should-retry": "false" } },
};

/** The lines @@code streams between the first and last line of its code block. */
const CODE_LINES = Array.from({ length: 24 }, (_, i) => `const line${i} = answer + ${i};\n`).join("");

const textScripts: Record<string, Script> = {
  default: () => say("OK"),
  text: () => ({
    kind: "message",
    blocks: [
      { type: "thinking", thinking: THINKING },
      { type: "text", text: TEXT_REPLY },
    ],
    chunkDelayMs: 10,
  }),
  // @@text with a warm prompt cache: the CLI only asks for a prompt suggestion after such a turn.
  suggest: (c) => ({ ...(textScripts.text?.(c) as Extract<FakeReply, { kind: "message" }>), warmCache: true }),
  slow: (c) => (c.step === 0 ? { kind: "message", blocks: [{ type: "text", text: SLOW_REPLY }], chunkDelayMs: 100 } : say("Done.")),
  // For tests that stop, interrupt or kill a turn mid-stream: @@slow's 4 s can end first on a loaded machine.
  long: (c) => (c.step === 0 ? { kind: "message", blocks: [{ type: "text", text: SLOW_REPLY }], chunkDelayMs: 400 } : say("Done.")),
  // For tests that act mid-stream and then want the whole answer: @@slow's words stop after slow-10 until the test
  // calls releaseHeldStreams(), so the act lands mid-stream however loaded the machine, and no one waits out @@long.
  // `@@held:<ms>` paces its chunks otherwise (the fake's own test holds at `@@held:0` and waits on the hold itself).
  held: (c) => (c.step === 0 ? { kind: "message", blocks: [{ type: "text", text: SLOW_REPLY }], chunkDelayMs: heldPacingMs(c.arg), holdAfterDeltas: 10 } : say("Done.")),
  streamerr: (c) =>
    c.step === 0
      ? { kind: "stream-error", blocks: [{ type: "text", text: "This reply will be cut" }], errorType: "overloaded_error", message: "Overloaded (fake)" }
      : say("Recovered after the stream error."),
  // A code block that grows line by line for about a second (the page's rows must keep up with it frame by frame).
  code: () => say(`Here is the code:\n\n\`\`\`ts\nconst answer = 42;\n${CODE_LINES}console.log(answer);\n\`\`\`\n\nThat prints 42.`, 15),
  remember: (c) => say(`I remember: ${c.hostTexts.map((t) => JSON.stringify(quote(t))).join(" | ")}`),
};

const scripts: Record<string, Script> = { ...textScripts, ...toolScripts };

/** Marker names the fake understands (`@@name`); the error markers accept `:N` = fail only the first N attempts. */
export const SCRIPT_NAMES = [...Object.keys(scripts), ...Object.keys(errors)];

function errorReply(c: Conversation, failures: Map<string, number>): FakeReply | undefined {
  const spec = errors[c.script];
  if (!spec) return undefined;
  const limit = c.arg === undefined ? Infinity : Number(c.arg);
  // A rate limit is counted per message that asked for it: a later message the CLI merges into the same request
  // (e.g. "Continue." after the failed turn) must not restart the count.
  const key = c.script === "ratelimit" ? `ratelimit:${c.hostTexts.find((t) => t.includes("@@ratelimit"))?.trim() ?? c.key}` : c.key;
  const seen = failures.get(key) ?? 0;
  if (seen >= limit) return textScripts.text?.(c);
  failures.set(key, seen + 1);
  return { kind: "error", ...spec };
}

/** Picks the scripted reply for a conversation; `failures` counts attempts for the `@@errNNN:N` markers. */
export function chooseReply(c: Conversation, failures: Map<string, number>): FakeReply {
  if ((c.hostTexts.at(-1) ?? "").trimStart().startsWith(SUGGESTION_MODE)) return say(SUGGESTION_REPLY);
  const oneShot = oneShotReply(c);
  if (oneShot) return oneShot;
  const error = errorReply(c, failures);
  if (error) return error;
  const script = scripts[c.script] ?? scripts.default;
  return (script as Script)(c);
}
