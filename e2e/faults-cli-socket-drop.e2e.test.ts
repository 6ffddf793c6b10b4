import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, stopStack, tempDir, type Stack } from "./harness/index.ts";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { descendants } from "./support/process-tree.ts";

/**
 * The real CLI 2.1.119 (--sdk-url) loses its socket to ChatML mid-stream (the TCP connection is reset with `ss -K`).
 * It reconnects and re-sends its buffer of sent lines — stream events included, with the same uuids. An open page and
 * a socket client must not see any text twice, during the stream or after it.
 */
describe("the CLI's --sdk-url socket drops mid-stream (2.1.119)", () => {
  let stack: Stack;
  let page: Page;
  let client: ChatmlClient;
  let conversationId: string;

  beforeAll(async () => {
    stack = await startStack("chatml-clidrop", "2.1.119");
    page = await stack.browser.newPage({ viewport: { width: 1440, height: 900 } });
    client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
  });

  afterAll(async () => {
    client?.disconnect();
    await stopStack(stack);
  });

  const timelineCount = async (word: string) => ((await new ChatPage(page).timelineText()).match(new RegExp(word, "g")) ?? []).length;

  it("shows the streamed answer once on the page and to a socket client", async () => {
    await page.goto(stack.server.url);
    await page.getByRole("textbox", { name: "Folder path" }).fill(tempDir("chatml-clidrop-work"));
    await page.getByRole("button", { name: "Start conversation" }).click();
    const chat = new ChatPage(page);
    // @@held stops after slow-10 until released: the drop lands mid-stream even on a loaded machine, and the rest of
    // the answer streams while the CLI is cut off and after it dials again.
    await chat.send("Talk slowly @@held");
    conversationId = await currentConversation(client);
    await client.connect([conversationId]);
    await chat.waitForText("slow-04", 60_000);

    const dropped = dropCliSocket(stack.server.proc.pid);
    expect(dropped).toBe(true);
    expect(await timelineCount("slow-40"), "the drop came after the stream ended").toBe(0);
    stack.api.releaseHeldStreams();
    // While the turn streams on after the reconnect, the answer's start is never on screen twice.
    let worst = 0;
    while ((await chat.turns()) < 1) {
      worst = Math.max(worst, await timelineCount("slow-01"));
      await page.waitForTimeout(50);
    }
    expect(worst).toBe(1);
    expect(await timelineCount("slow-40")).toBe(1);

    await client.waitForEvent(conversationId, "turn.completed");
    const finalText = client.assistantText(conversationId);
    expect(finalText).toContain("slow-01 slow-02");
    const deltas = (client.deltas.get(conversationId) ?? []).map((d) => (d.type === "message.part.delta" && d.partKind === "text" ? d.delta : "")).join("");
    expect(deltas.match(/slow-01/g)).toHaveLength(1);
    expect(deltas).toBe(finalText.trim());
    expect(client.anomalies).toEqual([]);
  });

  it("a permission asked before the drop is asked once and its answer after the reconnect runs the tool", async () => {
    const permissionsBefore = client.list(conversationId).filter((e) => e.type === "permission.requested").length;
    const turnsBefore = client.list(conversationId).filter((e) => e.type === "turn.completed").length;
    await client.send(conversationId, "Run it @@bash");
    await client.waitUntil(() => client.list(conversationId).filter((e) => e.type === "permission.requested").length > permissionsBefore, 60_000, "the Bash permission");
    const before = cliSocket(stack.server.proc.pid);
    expect(dropCliSocket(stack.server.proc.pid)).toBe(true);
    // The CLI dials again (a new local port); the card the page shows stays the one answerable card.
    await expect.poll(() => cliSocket(stack.server.proc.pid)?.localPort ?? before?.localPort, { timeout: 30_000 }).not.toBe(before?.localPort);
    const request = client.list(conversationId).filter((e) => e.type === "permission.requested").at(-1);
    if (request?.type !== "permission.requested") throw new Error("no permission request");
    await client.answer(conversationId, request.request.id, { decision: "allow" });
    await client.waitUntil(() => client.list(conversationId).filter((e) => e.type === "turn.completed").length > turnsBefore, 90_000, "the Bash turn");
    expect(stack.api.requests.some((r) => JSON.stringify(r.body).includes("hello-from-bash"))).toBe(true);
    expect(client.list(conversationId).filter((e) => e.type === "permission.requested").length).toBe(permissionsBefore + 1);
    expect(client.anomalies).toEqual([]);
  });
});

/**
 * Resets the TCP connection the CLI (a descendant of the server) holds to one of the server's listening ports (the
 * `--sdk-url` listener is a loopback port of its own); true when one was reset.
 */
function dropCliSocket(serverPid: number): boolean {
  const socket = cliSocket(serverPid);
  return socket !== null && Bun.spawnSync(["ss", "-K", "-tn", "sport", `= :${socket.localPort}`, "dport", `= :${socket.port}`]).exitCode === 0;
}

/** The established connection from a CLI (a descendant of the server) to one of the server's listening ports. */
function cliSocket(serverPid: number): { localPort: string; port: string } | null {
  const cliPids = new Set(descendants(serverPid).map((row) => row.pid));
  const ownedBy = (row: string, pids: Set<number>) => [...row.matchAll(/pid=(\d+)/g)].some((m) => pids.has(Number(m[1])));
  const listening = Bun.spawnSync(["ss", "-tlnpH"]).stdout.toString().split("\n").filter((row) => ownedBy(row, new Set([serverPid])));
  for (const port of listening.map((row) => row.trim().split(/\s+/)[3]?.split(":").at(-1) ?? "")) {
    const sockets = Bun.spawnSync(["ss", "-tnpH", "state", "established", "dport", `= :${port}`]).stdout.toString().split("\n");
    const local = sockets.find((row) => ownedBy(row, cliPids))?.trim().split(/\s+/)[2];
    if (local) return { localPort: local.split(":").at(-1) ?? "", port };
  }
  return null;
}

/** The conversation the UI just started. */
async function currentConversation(client: ChatmlClient): Promise<string> {
  const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
  const { sessions } = await client.api<{ sessions: { id: string }[] }>(`/api/sessions?workspaceId=${workspaces[0]?.id}`);
  const { conversations } = await client.api<{ conversations: { id: string }[] }>(`/api/conversations?sessionId=${sessions[0]?.id}`);
  if (!conversations[0]) throw new Error("the UI did not start a conversation");
  return conversations[0].id;
}
