/**
 * Runs the fake Anthropic API standalone: `bun e2e/fake-api/main.ts --port 8123`.
 * Point the CLI at it with ANTHROPIC_BASE_URL=http://127.0.0.1:8123 ANTHROPIC_API_KEY=sk-test.
 */
import { parseArgs } from "node:util";
import { startFakeApi } from "./server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "0" }, quiet: { type: "boolean", default: false } } });
const api = startFakeApi({
  port: Number(values.port),
  onRequest: (r) => {
    if (values.quiet) return;
    const what = r.script === undefined ? "" : ` ${r.script}#${r.step} -> ${r.reply}`;
    console.log(`${r.method} ${r.path} ${r.status}${what}`);
  },
});
console.log(`fake Anthropic API listening on ${api.url}`);
