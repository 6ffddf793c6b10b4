import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { buildServer } from "../scripts/build-server.ts";

const ROOT = join(import.meta.dirname, "..");
/** Bun.build of the whole server and a start of it, on a machine shared with other tests. */
const BUNDLE_TEST_TIMEOUT_MS = 60_000;

/** Runs `script` in a fresh Bun process (as `chatml` starts) and returns the JSON it prints last. */
async function freshProcess<T>(script: string): Promise<T> {
  const proc = Bun.spawn([process.execPath, "-e", script], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`fresh process failed (${code}): ${err}`);
  return JSON.parse(out.trim().split("\n").pop() ?? "null") as T;
}

/** The packages a start loads, read from a fresh Bun process that imports the CLI entry as `chatml` does. */
async function packagesLoadedAtStart(): Promise<string[]> {
  return freshProcess<string[]>(`await import(${JSON.stringify(join(ROOT, "bin", "run.ts"))});
const names = Object.keys(require.cache).filter((path) => path.includes("/node_modules/")).map((path) => {
  const rest = path.split("/node_modules/").pop().split("/");
  return rest[0].startsWith("@") ? rest[0] + "/" + rest[1] : rest[0];
});
console.log(JSON.stringify([...new Set(names)]));`);
}

/**
 * What a start reaches through static imports, from `bin/run.ts` down through the project's own files (packages are
 * covered by the test below): those files, and the runtime modules (`node:*`, `bun:*`) each with the files that import it.
 */
function staticImportsOfStart(): { files: string[]; builtins: Map<string, string[]> } {
  const transpiler = new Bun.Transpiler({ loader: "ts" });
  const visited = new Set<string>();
  const builtins = new Map<string, string[]>();
  const visit = (file: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    for (const { kind, path } of transpiler.scanImports(readFileSync(file, "utf8"))) {
      if (kind !== "import-statement") continue;
      if (path.startsWith(".")) {
        const target = resolve(dirname(file), path);
        const source = existsSync(target) ? target : `${target}.ts`;
        if (source.endsWith(".ts")) visit(source); // not the JSON of package.json
      } else if (path.startsWith("node:") || path.startsWith("bun:")) {
        builtins.set(path, [...(builtins.get(path) ?? []), relative(ROOT, file)]);
      }
    }
  };
  visit(join(ROOT, "bin", "run.ts"));
  return { files: [...visited].map((file) => relative(ROOT, file)), builtins };
}

/** Whether bundled `code` defines the class or function `name` (the build keeps names, and may number one that repeats). */
function defines(code: string, name: string): boolean {
  return new RegExp(`class ${name}\\b|\\b${name}\\s*=\\s*class\\b|function ${name}\\d*\\(`).test(code);
}

describe("start-up imports (issue 16: start to first HTTP 200)", () => {
  let dataDir = "";
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("loads only the packages the first request needs; git, push, QR, terminals, integrations and cron load on first use", async () => {
    const loaded = await packagesLoadedAtStart();
    expect(loaded).toContain("hono");
    for (const lazy of ["simple-git", "web-push", "qrcode", "uqr", "@xterm/headless", "@octokit/rest", "@linear/sdk", "croner"]) expect(loaded).not.toContain(lazy);
  });

  it("a start loads only the cheap runtime modules; node:util, node:url, node:fs/promises, node:crypto and the rest load on first use", () => {
    // Measured in Bun 1.4.5 (CPU of a fresh process): node:util ~4.5 ms, node:fs/promises ~2, node:url ~1, node:crypto
    // and node:net ~10 each; the start needs none of them (Bun.deepEquals, Bun.fileURLToPath, a lazy import at first use).
    const allowed = ["bun:jsc", "bun:sqlite", "node:fs", "node:module", "node:os", "node:path"];
    const extra = [...staticImportsOfStart().builtins].filter(([name]) => !allowed.includes(name));
    expect(Object.fromEntries(extra)).toEqual({});
  });

  it("a start reaches none of the conversations nor the rooms around them, composed after it listens (ADR 0210), nor the rooms composed on the API's first need (ADR 0081, 0189)", () => {
    const { files } = staticImportsOfStart();
    // What a start keeps of the conversations' room: the count of running turns, on the bus for the server's life.
    expect(files).toEqual(expect.arrayContaining(["server/compose-after-listen.ts", "server/compose-remote.ts", "server/core/remote/auth-gate.ts", "server/core/conversations/running-turns.ts"]));
    const later = /^server\/(compose-conversations\.ts|later-rooms\.ts|core\/(conversations|workspaces|terminals|mcp|skills|budgets|checkpoints|message-queue|search|workbench|interactive|jobs|integrations|source-control)\/|claude\/|git\/|terminal\/|integrations\/|scheduler\/|compose-integrations\.ts|compose-cli-sockets\.ts|ws\/browser-hub\.ts)/;
    expect(files.filter((file) => later.test(file) && file !== "server/core/conversations/running-turns.ts")).toEqual([]);
  });

  it("the bundle's start parses none of the conversations' code nor the later rooms'; each is in a chunk of its own that loads after it listens (ADR 0081, 0189, 0210)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-chunks-"));
    const bundle = join(dataDir, "bundle");
    await buildServer(bundle);
    // run.js and the chunks it imports statically: what Bun reads and parses before the server can listen.
    const parsedAtStart = new Map<string, string>();
    const read = (file: string) => {
      if (parsedAtStart.has(file)) return;
      const text = readFileSync(join(bundle, file), "utf8");
      parsedAtStart.set(file, text);
      for (const [, chunk] of text.matchAll(/(?:^|[;\n])import\s*(?:[\w$*{][^;]*?from\s*)?"\.\/([^"]+)"/g)) read(chunk!);
    };
    read("run.js");
    const startText = [...parsedAtStart.values()].join("\n");
    const allText = readdirSync(bundle).filter((file) => file.endsWith(".js")).map((file) => readFileSync(join(bundle, file), "utf8")).join("\n");
    // Rooms (ADR 0081, 0189); git's writes; the CLI's transports and framer; the skill gate's answers; Hono's default
    // routers, which only the API uses (issue 16).
    const later = ["SourceControlService", "ChangesService", "ReviewService", "InteractiveClaude", "TranscriptLinks", "JobScheduler", "ConversationRuntime", "CliProcessHolder"];
    // The conversations and the rooms around them, with restart recovery and the browsers' hub (ADR 0210).
    const afterListen = ["ConversationService", "BrowserHub", "TurnSnapshots", "ApprovalBroker", "SearchIndexer", "WorkspaceService", "TerminalService", "readGitStatus"];
    const laterToo = ["pushStash", "integrate", "stageAll", "readHistory", "launchCli", "spawnStdioCli", "spawnSdkUrlCli", "NdjsonFramer", "encodeControlSuccess", "RegExpRouter", "TrieRouter", "SmartRouter"];
    for (const name of [...later, ...laterToo, ...afterListen]) expect(defines(allText, name), `the bundle holds ${name}`).toBe(true);
    expect([...later, ...laterToo, ...afterListen].filter((name) => defines(startText, name))).toEqual([]);
    // The start still reads what the first request needs: the app's routes, sign-in and pairing.
    for (const name of ["AuthGate", "PairingService", "SignInToken", "LinearRouter"]) expect(defines(startText, name), name).toBe(true);
  }, BUNDLE_TEST_TIMEOUT_MS);

  it("the bundle's start reads no zod until after its first answer; the API, loading soon after, reads it and validates with it (ADR 0183)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-zod-"));
    const bundle = join(dataDir, "bundle");
    await buildServer(bundle);
    const seen = await freshProcess<{ imported: boolean; listening: boolean; answered: number; afterAnswer: boolean; settings: number; hasSettings: boolean }>(`
const zodLoaded = () => Object.keys(require.cache).includes(${JSON.stringify(join(bundle, "zod.js"))});
const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
const port = probe.port;
probe.stop(true);
const { run } = await import(${JSON.stringify(join(bundle, "run.js"))});
const imported = zodLoaded();
const print = console.log;
console.log = () => {};
await run(["--no-open", "--port", String(port), "--data-dir", ${JSON.stringify(join(dataDir, "data"))}]);
const listening = zodLoaded();
const base = "http://127.0.0.1:" + port;
const answered = (await fetch(base + "/healthz")).status;
const afterAnswer = zodLoaded();
const token = (await Bun.file(${JSON.stringify(join(dataDir, "data", "token"))}).text()).trim();
const response = await fetch(base + "/api/settings", { headers: { authorization: "Bearer " + token, host: "127.0.0.1:" + port } });
const body = await response.json();
print(JSON.stringify({ imported, listening, answered, afterAnswer, settings: response.status, hasSettings: typeof body.settings === "object" && zodLoaded() }));
process.exit(0);`);
    expect(seen).toEqual({ imported: false, listening: false, answered: 200, afterAnswer: false, settings: 200, hasSettings: true });
  }, BUNDLE_TEST_TIMEOUT_MS);

  it("a start's first answers (a probe, the page) compile no router: the app's handful of routes are matched one by one (ADR 0183); nor does the first /api answer, which gives none of the API's routes to a RegExpRouter: they go into a trie (ADR 0217)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-router-"));
    const seen = await freshProcess<{ healthz: number; page: number; compiled: number; api: number; regExpAdds: number }>(`
const { RegExpRouter } = await import("hono/router/reg-exp-router");
let compiled = 0;
let regExpAdds = 0;
const build = RegExpRouter.prototype.buildAllMatchers;
const add = RegExpRouter.prototype.add;
// Hono's default router compiles every route into one expression at its first match (~5 ms of a start's first answer).
RegExpRouter.prototype.buildAllMatchers = function (...args) { compiled += 1; return build.apply(this, args); };
// For the API's ~240 routes it gave them all to a RegExpRouter, which refused one, then to a trie: ~5 ms of the first /api answer.
RegExpRouter.prototype.add = function (...args) { regExpAdds += 1; return add.apply(this, args); };
const { startServer } = await import(${JSON.stringify(join(ROOT, "server", "main.ts"))});
const server = await startServer({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "0.0.0", webRoot: ${JSON.stringify(dataDir)}, env: {} });
const healthz = (await fetch(server.url + "/healthz")).status;
const page = (await fetch(server.url + "/")).status;
const api = (await fetch(server.url + "/api/workspaces", { headers: { authorization: "Bearer " + server.token } })).status;
await server.stop();
console.log(JSON.stringify({ healthz, page, compiled, api, regExpAdds }));
process.exit(0);`);
    expect(seen).toMatchObject({ healthz: 200, compiled: 0, api: 200, regExpAdds: 0 });
    expect(seen.page).toBeLessThan(500);
  });

  it("a start opens one listener, the app's, until its first answer; the CLI listener opens when it is first needed (issue 16)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-listeners-"));
    const seen = await freshProcess<{ healthz: number; atFirstAnswer: number; afterApi: number; settings: number }>(`
const serve = Bun.serve;
let listeners = 0;
// A second Bun.serve (the CLI's loopback listener) cost a start 0.5–3.5 ms of CPU before its first answer.
Bun.serve = (options) => ((listeners += 1), serve(options));
const { startServer } = await import(${JSON.stringify(join(ROOT, "server", "main.ts"))});
const server = await startServer({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "0.0.0", webRoot: ${JSON.stringify(dataDir)}, env: {} });
const healthz = (await fetch(server.url + "/healthz")).status;
const atFirstAnswer = listeners;
// The API composes the interactive room, whose hook settings hold the CLI listener's address.
const settings = (await fetch(server.url + "/api/settings", { headers: { authorization: "Bearer " + server.token } })).status;
const afterApi = listeners;
await server.stop();
console.log(JSON.stringify({ healthz, atFirstAnswer, afterApi, settings }));
process.exit(0);`);
    expect(seen).toEqual({ healthz: 200, atFirstAnswer: 1, afterApi: 2, settings: 200 });
  });

  it("a start on an up-to-date database reads its schema version from the header and runs no migration SQL (issue 16)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-migrations-"));
    const ran = await freshProcess<{ healthz: number; migrations: string[]; versionReads: number }>(`
const { openDatabase } = await import(${JSON.stringify(join(ROOT, "server", "persistence", "db.ts"))});
openDatabase(${JSON.stringify(join(dataDir, "chatml.db"))}).close();
const { countStatements } = await import(${JSON.stringify(join(ROOT, "server", "test-support", "statement-counter.ts"))});
const counter = countStatements();
const { startServer } = await import(${JSON.stringify(join(ROOT, "server", "main.ts"))});
const server = await startServer({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "0.0.0", webRoot: ${JSON.stringify(dataDir)}, env: {} });
const healthz = (await fetch(server.url + "/healthz")).status;
const { bySql } = counter.take();
await server.stop();
// The ledger, and any statement of a migration (each CREATEs or ALTERs a table, or moves an index).
const migrations = Object.keys(bySql).filter((sql) => /schema_migrations|CREATE |ALTER |DROP /.test(sql));
console.log(JSON.stringify({ healthz, migrations, versionReads: bySql["PRAGMA user_version"] ?? 0 }));
process.exit(0);`);
    expect(ran).toEqual({ healthz: 200, migrations: [], versionReads: 1 });
  });

  it("a start builds a handful of the shared schemas, not the ~2,000 of shared/ (ADR 0036)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-schemas-"));
    const counts = await freshProcess<{ imported: number; started: number }>(`
const { lazySchemasBuilt } = await import(${JSON.stringify(join(ROOT, "shared", "lazy-schema.ts"))});
const { startServer } = await import(${JSON.stringify(join(ROOT, "server", "main.ts"))});
const imported = lazySchemasBuilt();
const server = await startServer({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "0.0.0", webRoot: ${JSON.stringify(dataDir)}, env: {} });
const healthy = (await fetch(server.url + "/healthz")).status;
if (healthy !== 200) throw new Error("healthz answered " + healthy);
const started = lazySchemasBuilt();
await server.stop();
console.log(JSON.stringify({ imported, started }));
process.exit(0);`);
    expect(counts.imported).toBe(0);
    expect(counts.started).toBeLessThanOrEqual(10);
  });
});
