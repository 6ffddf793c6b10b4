/**
 * A stand-in Claude Code CLI (stdio, reports 2.1.330) for the page-lag benchmark: built on the replaying CLI's
 * recorded turn (server/claude/fixtures/replay-cli/replay-turn.ts), but its text is markdown. A user message
 * `markdown <bytes> <deltas per second> <bytes per delta> <nonce> [shape]` streams one answer of that size ending with
 * `END-OF-ANSWER-<nonce>`; anything else is a short answer.
 */
import { loadTemplates, TurnBuilder } from "../../server/claude/fixtures/replay-cli/replay-turn.ts";
import { readStdinLines } from "../../server/claude/fixtures/stdin-lines.ts";
import { markdownAnswer, SHAPES, type Shape } from "./markdown-text.ts";

if (process.argv.includes("--version")) {
  console.log("2.1.330 (Claude Code)");
  process.exit(0);
}

const templates = loadTemplates();
const write = (lines: string[]) => Bun.write(Bun.stdout, lines.join(""));
let queue: Promise<unknown> = Promise.resolve();

async function streamAnswer(deltas: string[], perSecond: number): Promise<void> {
  const turn = new TurnBuilder(templates);
  await write(turn.opening());
  const started = performance.now();
  let sent = 0;
  while (sent < deltas.length) {
    const due = Math.min(deltas.length, Math.floor(((performance.now() - started) * perSecond) / 1000) + 1);
    const batch: string[] = [];
    for (; sent < due; sent++) batch.push(turn.delta(deltas[sent] as string));
    if (batch.length > 0) await write(batch);
    await Bun.sleep(Math.max(1, Math.min(5, 1000 / perSecond)));
  }
  await write(turn.closing());
}

function run(text: string): Promise<void> {
  const [verb, bytes, perSecond, deltaBytes, nonce, shape = "mixed"] = text.trim().split(/\s+/);
  if (verb !== "markdown") return streamAnswer(["Hello", " there."], 100);
  if (!SHAPES.includes(shape as Shape)) throw new Error(`unknown answer shape ${shape}`);
  return streamAnswer(markdownAnswer(Number(bytes), Number(deltaBytes), nonce ?? "", shape as Shape), Number(perSecond));
}

await readStdinLines((raw) => {
  const message = JSON.parse(raw) as { type: string; request_id?: string; message?: { content?: unknown } };
  if (message.type === "control_request") {
    void write([`${JSON.stringify({ type: "control_response", response: { subtype: "success", request_id: message.request_id, response: { commands: [], models: [] } } })}\n`]);
    return;
  }
  if (message.type !== "user") return;
  const content = message.message?.content;
  queue = queue.then(() => run(typeof content === "string" ? content : "")).catch((error: unknown) => console.error("markdown-cli:", error));
});
process.exit(0);
