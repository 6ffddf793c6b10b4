import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, McpOverview, McpServerDefinition, Message, ReviewComment } from "../shared/index.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerWithBrowserIf, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { SCREEN_SIZES, SignedInDevices } from "./support/signed-in-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { occurrencesInMemory } from "./support/process-memory.ts";

const DOCS_SERVER = join(REPO_ROOT, "e2e", "support", "stdio-mcp-server.ts");
/** What the "noisy" server writes to stderr, line after line (8 MB in all). */
const NOISY_MARK = "NOISY42STDERR";

/**
 * A repository with a `.mcp.json`: a working stdio server and one whose command does not exist, and with `hasNoisy`
 * one flooding stderr. The API tests prove the flood reaches none of ChatML; the browser test leaves it out, as every
 * CLI it starts (one per conversation, again on each Reconnect) would wait on 8 MB first.
 */
async function projectWithMcpJson({ hasNoisy }: { hasNoisy: boolean }): Promise<string> {
  const repo = await makeTempRepo("chatml-mcp-repo-");
  // "noisy" writes 8 MB of NOISY_MARK lines to stderr before it serves: the CLI drains it, and ChatML never holds it.
  // The shell makes the marker, so its config (which ChatML does see) does not contain it.
  const noisy = { command: "/bin/sh", args: ["-c", 'yes "NOISY$((6*7))STDERR" | head -c 8000000 >&2; exec "$0" "$1"', process.execPath, DOCS_SERVER] };
  const mcpServers = { proj: { command: process.execPath, args: [DOCS_SERVER] }, broken: { command: "/nonexistent/mcp-server" }, ...(hasNoisy ? { noisy } : {}) };
  writeFileSync(join(repo, ".mcp.json"), JSON.stringify({ mcpServers }));
  return repo;
}

/** MCP servers and "Fork from here" on both pinned CLIs against the fake API. */
describe.each(["2.1.119", "2.1.330"])("MCP servers and forking on the real CLI %s", (version) => {
  const hasBrowserTests = version === "2.1.330";
  let api: FakeApi;
  let server: ChatmlServer;
  /** The browser tests' Chromium (on 2.1.330 only), started beside the server. */
  let browser: Browser | null = null;
  let client: ChatmlClient;
  const dataDir = tempDir("chatml-mcp-data");

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-mcp-home") });
    ({ server, browser } = await startServerWithBrowserIf(hasBrowserTests, () => startChatml({ dataDir, claudeBin: cliBinPath(version), env })));
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  const turn = (id: string, text: string) => client.turnAllowingAll(id, text);

  it("lists .mcp.json servers, a workspace server and the built-in one with tools; the model reads the review comments", async () => {
    const repo = await projectWithMcpJson({ hasNoisy: true });
    const conversation = await client.startInFolder(repo);
    const id = conversation.id;
    const { workspaces } = await client.api<{ workspaces: { id: string; path: string }[] }>("/api/workspaces");
    const workspaceId = workspaces.find((w) => w.path === repo)?.id as string;
    const { server: added } = await client.api<{ server: McpServerDefinition }>(`/api/workspaces/${workspaceId}/mcp-servers`, {
      body: { name: "mine", transport: "stdio", command: process.execPath, args: [DOCS_SERVER], env: [{ key: "DOCS_URL", value: "http://127.0.0.1:9/docs" }, { key: "DOCS_TOKEN", value: "s3cret-value", isSecret: true }] },
    });
    expect(added.env.find((e) => e.key === "DOCS_TOKEN")).toEqual({ key: "DOCS_TOKEN", value: null, isSecret: true, isSet: true });
    expect(JSON.stringify(added)).not.toContain("s3cret-value");

    writeFileSync(join(repo, "README.md"), "# test\nA second line to review.\n");
    const { comment } = await client.api<{ comment: ReviewComment }>(`/api/sessions/${conversation.sessionId}/reviews`, {
      body: { path: "README.md", scope: "uncommitted", startLine: 2, endLine: 2, body: "Please say what the project does here." },
    });

    await client.connect([id]);
    await turn(id, "Read my review @@mcp:mcp__chatml__review_comments");
    expect(client.assistantText(id)).toContain(`[${comment.id}] README.md:2 (open)`);
    expect(client.assistantText(id)).toContain("Please say what the project does here.");

    const { overview } = await client.api<{ overview: McpOverview }>(`/api/conversations/${id}/mcp`);
    expect(overview.isLive).toBe(true);
    const byName = new Map(overview.servers.map((s) => [s.name, s]));
    expect(byName.get("chatml")).toMatchObject({ status: "connected", source: "chatml" });
    expect(byName.get("chatml")?.tools).toEqual(expect.arrayContaining(["review_comments", "resolve_review_comment", "session_status", "list_scripts", "run_script", "notify_user"]));
    expect(byName.get("proj")).toMatchObject({ status: "connected", source: "project" });
    expect(byName.get("proj")?.tools).toEqual(expect.arrayContaining(["search_docs", "echo"]));
    expect(byName.get("mine")).toMatchObject({ status: "connected", source: "workspace" });
    expect(byName.get("noisy")).toMatchObject({ status: "connected", source: "project", error: null });
    expect(byName.get("noisy")?.tools).toContain("search_docs");
    expect(byName.get("broken")).toMatchObject({ status: "failed", source: "project" });
    expect(byName.get("broken")?.error).toMatch(/ENOENT|nonexistent/);

    // The 8 MB "noisy" wrote to stderr reached none of ChatML: not its memory (counted byte by byte), files or API.
    expect(occurrencesInMemory(server.proc.pid, NOISY_MARK)).toBe(0);
    expect(filesHolding(dataDir, NOISY_MARK)).toEqual([]);
    expect(JSON.stringify(overview)).not.toContain(NOISY_MARK);

    const { overview: after } = await client.api<{ overview: McpOverview }>(`/api/conversations/${id}/mcp/broken/reconnect`, { body: {} });
    expect(after.note).toMatch(/ENOENT|nonexistent/);
    expect(after.servers.find((s) => s.name === "broken")?.status).toBe("failed");

    const secrets = readFileSync(join(dataDir, "mcp-secrets.json"), "utf8");
    expect(secrets).toContain("s3cret-value");

    // The model resolves the comment it read; the workbench's review list says so.
    await turn(id, `Resolve it @@resolve:${comment.id}`);
    expect(client.assistantText(id)).toContain(`Resolved comment ${comment.id} on README.md.`);
    const { comments } = await client.api<{ comments: ReviewComment[] }>(`/api/sessions/${conversation.sessionId}/reviews`);
    expect(comments.find((c) => c.id === comment.id)?.isResolved).toBe(true);
  });

  // A ChatML MCP tool asked for and answered is already in the test above on both CLIs; which script it runs is the
  // server's (ADR 0156): the newer CLI only.
  it.runIf(version === "2.1.330")("runs the workspace's setup script for the model after asking the user, and answers its exit code and output", async () => {
    const repo = await makeTempRepo("chatml-mcp-script-repo-");
    const folder = await client.startInFolder(repo);
    const workspaceId = (await client.api<{ session: { workspaceId: string } }>(`/api/sessions/${folder.sessionId}`)).session.workspaceId;
    await client.api(`/api/workspaces/${workspaceId}`, { method: "PATCH", body: { setupScript: "echo setup-says-$((40+2)) && echo made > setup-made.txt" } });
    const { session, conversation } = await client.api<{ session: { id: string; cwd: string }; conversation: Conversation }>("/api/sessions", { body: { workspaceId } });
    await expect.poll(async () => (await client.api<{ session: { setup: { status: string } | null } }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 60_000 }).toBe("ready");
    rmSync(join(session.cwd, "setup-made.txt"));
    await client.connect([conversation.id]);
    await turn(conversation.id, "Set it up again @@mcp:mcp__chatml__run_script");
    const asked = client.list(conversation.id).flatMap((e) => (e.type === "permission.requested" ? [e.request.toolName] : []));
    expect(asked).toContain("mcp__chatml__run_script");
    expect(client.assistantText(conversation.id)).toContain("The setup script succeeded (exit code 0).");
    expect(client.assistantText(conversation.id)).toContain("setup-says-42");
    expect(existsSync(join(session.cwd, "setup-made.txt"))).toBe(true);
  });

  it("forks from a user message: the fork shows the earlier messages and its CLI has them, even after a prompt folded into a running turn", async () => {
    const conversation = await client.startInFolder(await makeTempRepo("chatml-fork-repo-"));
    const id = conversation.id;
    await client.connect([id]);
    await turn(id, "alpha one @@remember");
    // "charlie" is sent while bravo's question waits: the CLI folds it into that turn (one prompt in its transcript).
    const turns = client.list(id).filter((e) => e.type === "turn.completed").length;
    await client.send(id, "bravo two @@ask");
    await client.waitUntil(() => client.list(id).some((e) => e.type === "permission.requested"), 60_000, "bravo's question");
    await client.send(id, "charlie three @@remember");
    const question = client.list(id).find((e) => e.type === "permission.requested");
    if (question?.type !== "permission.requested") throw new Error("no question");
    const answers = { "Which color do you prefer?": "Red" };
    await client.answer(id, question.request.id, { decision: "allow", updatedInput: { ...(question.request.input as object), answers } });
    await client.waitUntil(() => client.list(id).filter((e) => e.type === "turn.completed").length > turns, 90_000, "bravo's turn");
    await turn(id, "delta four @@remember");
    const userMessages = client.list(id).flatMap((e) => (e.type === "message.created" && e.message.role === "user" ? [e.message] : []));
    const byText = (start: string) => userMessages.find((m) => m.parts.some((p) => p.kind === "text" && p.text.startsWith(start)));

    // A fork thinks as hard as its source (ADR 0301).
    await client.api(`/api/conversations/${id}/effort`, { body: { commandId: client.commandId(), effort: "high" } });
    const atDelta = await client.api<{ conversation: Conversation; draft: string }>(`/api/conversations/${id}/fork`, { body: { messageId: byText("delta")?.id } });
    expect(atDelta.draft).toBe("delta four @@remember");
    expect(atDelta.conversation.effort).toBe("high");
    const forkId = atDelta.conversation.id;
    await client.connect([id, forkId]);
    const { messages: copied } = await client.api<{ messages: Message[] }>(`/api/conversations/${forkId}/messages`);
    const copiedPrompts = copied.filter((m) => m.role === "user" && m.parentToolUseId === null).map((m) => m.parts.find((p) => p.kind === "text")?.text);
    expect(copiedPrompts.filter((t) => t !== undefined)).toEqual(["alpha one @@remember", "bravo two @@ask", "charlie three @@remember"]);
    expect(copied.some((m) => m.role === "assistant" && m.parts.some((p) => p.kind === "text" && p.text.includes("I remember: \"alpha one")))).toBe(true);
    expect(copied.every((m) => !userMessages.some((u) => u.id === m.id))).toBe(true);

    await turn(forkId, "echo five @@remember");
    const reply = client.assistantText(forkId);
    expect(reply).toContain("echo five");
    expect(reply).not.toContain("delta four");
    // The last model request (token counts for the context window may follow it).
    const lastRequest = JSON.stringify(api.requests.filter((r) => !r.path.startsWith("/v1/messages/count_tokens")).at(-1)?.body);
    expect(lastRequest).toContain("alpha one");
    expect(lastRequest).toContain("charlie three");
    expect(lastRequest).not.toContain("delta four");

    const atBravo = await client.api<{ conversation: Conversation; draft: string }>(`/api/conversations/${id}/fork`, { body: { messageId: byText("bravo")?.id } });
    const { messages: beforeBravo } = await client.api<{ messages: Message[] }>(`/api/conversations/${atBravo.conversation.id}/messages`);
    expect(beforeBravo.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(JSON.stringify(beforeBravo)).not.toContain("bravo two");
    const fromStart = await client.api<{ conversation: Conversation; draft: string }>(`/api/conversations/${id}/fork`, { body: { messageId: userMessages[0]?.id } });
    expect(fromStart.draft).toBe("alpha one @@remember");
    expect((await client.api<{ messages: Message[] }>(`/api/conversations/${fromStart.conversation.id}/messages`)).messages).toEqual([]);
  });

  // The list is the web's: checked with one CLI (the newest pinned), on this version's server and fake API (its own
  // repository and conversations), not a server of its own. Two tests of one conversation, each with its own time
  // limit (as one test it took 75–100 s of a loaded machine); the conversation is made once for both.
  describe.runIf(hasBrowserTests)("the MCP list in the browser", () => {
    const shots = join(REPO_ROOT, ".artifacts", "screenshots");
    // A phone and a desktop signed in once, whose pages each test opens (and the hook below closes).
    let devices: SignedInDevices;
    // Its own client: it disconnects and connects again with the conversations it watches.
    let client: ChatmlClient;
    let repo = "";
    let conversation: Conversation;

    beforeAll(async () => {
      mkdirSync(shots, { recursive: true });
      if (!browser) throw new Error("the browser tests' server started no browser");
      devices = new SignedInDevices(browser, server);
      client = new ChatmlClient({ url: server.origin, token: server.token });
      repo = await projectWithMcpJson({ hasNoisy: false });
      conversation = await client.startInFolder(repo);
      await client.connect([conversation.id]);
      await client.send(conversation.id, "Hello @@text");
      await client.waitForEvent(conversation.id, "turn.completed");
    });
    afterEach(async () => {
      await devices.closePages();
    });
    afterAll(async () => {
      client?.disconnect();
      await devices?.close();
    });

    it("shows the servers Claude sees with status, error and tools, and adds a workspace server, at phone and desktop sizes", async () => {
      for (const [name] of SCREEN_SIZES) {
        const page = await devices.open(name, `#/c/${conversation.id}`);
        // The conversation itself says that a server failed to start, and where to look.
        await page.getByTestId("timeline").getByText(/The MCP server “broken” failed to start, so Claude works without its tools\./).waitFor({ timeout: 20_000 });
        await page.getByRole("button", { name: "Session controls" }).click();
        const list = page.getByRole("list", { name: "MCP servers Claude sees" });
        const chatml = list.getByRole("listitem", { name: "MCP server chatml" });
        await chatml.getByText("connected", { exact: true }).waitFor({ timeout: 20_000 });
        await chatml.getByRole("button", { name: /Show the 6 tools of chatml/ }).click();
        await page.getByRole("list", { name: "Tools of chatml" }).getByText("review_comments").waitFor();
        const broken = list.getByRole("listitem", { name: "MCP server broken" });
        await broken.getByRole("alert").filter({ hasText: /ENOENT|nonexistent/ }).waitFor();
        await broken.getByRole("button", { name: "Reconnect broken" }).click();
        await page.getByText(/ENOENT|nonexistent/).first().waitFor();
        await list.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(shots, `mcp-list-${name}.png`) });
        expect(await unnamedControls(page)).toEqual([]);
        if (name === "desktop") {
          await page.getByRole("button", { name: "Add MCP server" }).click();
          await page.getByRole("textbox", { name: "Server name" }).fill("docs");
          await page.getByRole("combobox", { name: "Server type" }).selectOption("http");
          await page.getByRole("textbox", { name: "URL" }).fill("https://docs.example/mcp");
          await page.getByRole("button", { name: "Add header" }).click();
          await page.getByRole("textbox", { name: "Header 1 name" }).fill("Authorization");
          // Named like a credential, the header is secret before its value is typed (once the name's render lands).
          await expect.poll(() => page.getByRole("checkbox", { name: "Secret: header 1" }).isChecked()).toBe(true);
          await page.getByRole("textbox", { name: "Header 1 value" }).fill("Bearer top-secret");
          await page.getByRole("button", { name: "Save server" }).click();
          await page.getByRole("button", { name: "Edit docs" }).waitFor();
          await page.getByRole("button", { name: "Edit docs" }).click();
          expect(await page.getByRole("textbox", { name: "Header 1 value" }).getAttribute("placeholder")).toMatch(/set/);
          expect(await page.content()).not.toContain("top-secret");
          // The form's draft (kept on the device until saved) never holds a secret's value.
          expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain("top-secret");
          await page.getByRole("region", { name: "Workspace MCP servers" }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(shots, "mcp-workspace-server-desktop.png") });
        }
        await page.close();
      }
    });

    it("a server switched off for the conversation on the desktop shows on the phone at once and the CLI applies it; a comment the model resolves leaves both diffs", async () => {
      const pages: { name: string; page: Page }[] = [];
      for (const [name] of SCREEN_SIZES) {
        const page = await devices.open(name, `#/c/${conversation.id}`);
        await page.getByRole("button", { name: "Session controls" }).click();
        await page.getByRole("switch", { name: "Use proj in this conversation" }).waitFor();
        pages.push({ name, page });
      }
      const [phone, desktop] = pages as [(typeof pages)[0], (typeof pages)[0]];
      // A controlled switch: it flips when the server answers, so click rather than uncheck().
      await desktop.page.getByRole("switch", { name: "Use proj in this conversation" }).click();
      for (const { name, page } of pages) {
        const proj = page.getByRole("list", { name: "MCP servers Claude sees" }).getByRole("listitem", { name: "MCP server proj" });
        await expect.poll(() => proj.getByRole("switch").isChecked()).toBe(false);
        await proj.getByText("disabled", { exact: true }).waitFor({ timeout: 20_000 });
        await proj.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(shots, `mcp-toggle-${name}.png`) });
      }
      const { overview } = await client.api<{ overview: McpOverview }>(`/api/conversations/${conversation.id}/mcp`);
      expect(overview.switchedOff).toEqual(["proj"]);
      expect(overview.servers.find((s) => s.name === "proj")?.status).toBe("disabled");
      // A CLI started while proj is switched off has it off from its first request (ADR 0039): before, it started
      // proj and listed its tools until mcp_toggle landed. A new conversation of the session, switched off before its
      // CLI ever ran (a relaunched one launches the same way; the "left out" note is unit-tested).
      const projRow = (page: Page) => page.getByRole("list", { name: "MCP servers Claude sees" }).getByRole("listitem", { name: "MCP server proj" });
      const { conversation: fresh } = await client.api<{ conversation: Conversation }>("/api/conversations", { body: { sessionId: conversation.sessionId } });
      await client.api(`/api/conversations/${fresh.id}/mcp/proj/toggle`, { body: { isEnabled: false } });
      client.disconnect();
      await client.connect([conversation.id, fresh.id]);
      const sent = api.requests.length;
      await client.turnAllowingAll(fresh.id, "First words with proj off @@text");
      // Every request of that CLI — its first included — offers ChatML's tools and none of proj's.
      const bodies = api.requests.slice(sent).filter((r) => r.path.startsWith("/v1/messages") && !r.path.includes("count_tokens")).map((r) => JSON.stringify(r.body));
      expect(bodies.some((body) => body.includes("mcp__chatml__"))).toBe(true);
      expect(bodies.filter((body) => body.includes("mcp__proj__"))).toEqual([]);
      // Switched on again on the phone, the running CLI starts it and the desktop sees it.
      await phone.page.getByRole("switch", { name: "Use proj in this conversation" }).click();
      await projRow(desktop.page).getByText("connected", { exact: true }).waitFor({ timeout: 20_000 });

      // The model resolves a review comment over ChatML's MCP server: the workbench shows it on every device at once.
      writeFileSync(join(repo, "README.md"), "# test\nA second line to review.\n");
      const { comment } = await client.api<{ comment: ReviewComment }>(`/api/sessions/${conversation.sessionId}/reviews`, {
        body: { path: "README.md", scope: "uncommitted", startLine: 2, endLine: 2, body: "Say what the project does here." },
      });
      const cards: { name: string; page: Page; card: ReturnType<Page["getByTestId"]> }[] = [];
      for (const [name] of SCREEN_SIZES) {
        const page = await devices.open(name, `#/c/${conversation.id}`);
        if (name === "phone") await page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
        await page.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /README\.md/ }).click({ timeout: 20_000 });
        const card = page.getByRole("region", { name: "Diff of README.md" }).getByTestId("review-comment").filter({ hasText: "Say what the project does" });
        await card.getByRole("button", { name: "Resolve" }).waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(shots, `mcp-review-open-${name}.png`) });
        expect(await unnamedControls(page)).toEqual([]);
        cards.push({ name, page, card });
      }
      await client.turnAllowingAll(conversation.id, `Resolve it @@resolve:${comment.id}`);
      expect(client.assistantText(conversation.id)).toContain(`Resolved comment ${comment.id} on README.md.`);
      // A resolved comment leaves the diff (file-diff.tsx shows open ones): on both devices, without a reload.
      for (const { name, page, card } of cards) {
        await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(0);
        await page.screenshot({ path: join(shots, `mcp-review-resolved-${name}.png`) });
      }
    });
  });
});

/**
 * A user behind an HTTP proxy: HTTP(S)_PROXY is set and their NO_PROXY does not name loopback. The CLI would send its
 * requests to ChatML's loopback listener (`--sdk-url`, the built-in MCP server) to the proxy, which cannot reach them.
 * Here the proxy refuses everything and NO_PROXY names only the fake API's port (the real API would go through it).
 */
describe.each(["2.1.119", "2.1.330"])("behind an HTTP proxy, the real CLI %s", (version) => {
  it("still reaches ChatML on loopback: the conversation runs and ChatML's MCP tools answer", async () => {
    const api = await startFakeApi({ port: 0 });
    const proxied: string[] = [];
    const proxy = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => (proxied.push(`${request.method} ${request.url}`), new Response("no", { status: 502 })) });
    const proxyUrl = `http://127.0.0.1:${proxy.port}`;
    const env = { ...cliEnv({ apiUrl: api.url, home: tempDir("chatml-mcp-proxy-home") }), HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: `127.0.0.1:${new URL(api.url).port}` };
    const server = await startChatml({ dataDir: tempDir("chatml-mcp-proxy-data"), claudeBin: cliBinPath(version), env });
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    try {
      const conversation = await client.startInFolder(await makeTempRepo("chatml-mcp-proxy-repo-"));
      await client.connect([conversation.id]);
      await client.turnAllowingAll(conversation.id, "What can I run? @@mcp:mcp__chatml__list_scripts");
      expect(client.assistantText(conversation.id)).toContain("This workspace has no setup script and no package.json scripts.");
      expect(proxied.filter((line) => /\/\/(127\.0\.0\.1|localhost)[:/]/.test(line))).toEqual([]);
    } finally {
      client.disconnect();
      await server.stop();
      await api.stop();
      await proxy.stop(true);
    }
  });
});

/** Files under `dir` (the data dir: database, WAL, logs) that contain `marker`. */
function filesHolding(dir: string, marker: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => {
    const path = join(dir, name);
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true && readFileSync(path).includes(marker);
  });
}
