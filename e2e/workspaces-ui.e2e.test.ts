import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

describe("workspaces and sessions in the browser, live on a second device", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  // A phone and a desktop signed in once; each test opens its pages in them and closes them at its end.
  let devices: SignedInDevices;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-ws"));
    repo = await makeTempRepo();
    devices = new SignedInDevices(browser, server);
  });

  afterAll(async () => {
    await devices?.close();
    await stopStack({ api, server, browser });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it("adds a repository and creates a worktree session from a phone; a desktop sees it live; search jumps to the message", async () => {
    try {
      const [p, d] = await Promise.all([devices.open("phone", ""), devices.open("desktop", "")]);
      await p.getByRole("textbox", { name: "Repository path" }).fill(repo);
      await p.getByRole("button", { name: "Add repository" }).click();
      await p.getByRole("button", { name: "Create session" }).waitFor();
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      // This test checks the model's title reaches every device (the harness turns AI titles off: ADR 0203).
      await client.api("/api/settings", { method: "PUT", body: { aiTitles: true } });
      const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
      // The setup script runs until the test lets it end, so what the conversation says meanwhile can be looked at.
      const gate = join(mkdtempSync(join(tmpdir(), "chatml-setup-gate-")), "open");
      const setupScript = `while [ ! -f '${gate}' ]; do sleep 0.1; done; echo setup-ok`;
      await client.api(`/api/workspaces/${workspaces[0]?.id}`, { method: "PATCH", body: { setupScript, copyFiles: [".env"] } });
      await d.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: /chatml-repo/ }).waitFor({ timeout: 10_000 });

      // "Create session" lands in the new session's first conversation (not its overview): typing is the next step.
      await p.getByRole("button", { name: "Create session" }).click();
      await expect.poll(() => new URL(p.url()).hash, { timeout: 15_000 }).toMatch(/^#\/c\/cnv_/);
      const setupNote = p.getByRole("status", { name: "Session setup" });
      await expect.poll(() => setupNote.textContent(), { timeout: 30_000 }).toContain("Running the setup script…");
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-session.png") });
      await d.getByTestId("session-row").first().waitFor({ timeout: 10_000 });
      await sendMessage(p, "Add a health check endpoint");
      // The overview (steps, the script's output) is one tap away, and the conversation one back.
      await setupNote.getByRole("link", { name: "Setup details" }).click();
      await expect.poll(() => p.getByTestId("setup-step-setup").getAttribute("data-status"), { timeout: 10_000 }).toBe("running");
      writeFileSync(gate, "");
      await expect.poll(() => p.getByTestId("setup-step-setup").getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
      await expect.poll(() => p.getByTestId("setup-log").textContent()).toContain("setup-ok");
      await p.goBack();
      await setupNote.waitFor({ state: "detached", timeout: 10_000 });
      await p.getByTestId("message-user").filter({ hasText: "Add a health check endpoint" }).waitFor();
      const titleOf = async () => (await client.api<{ sessions: { title: string | null }[] }>("/api/sessions")).sessions[0]?.title;
      await expect.poll(titleOf, { timeout: 60_000 }).toBe("Add a health check");
      // The conversation is named from its first prompt too, not left as "Task".
      const conversationTitles = async () => (await client.api<{ conversations: { title: string }[] }>("/api/conversations")).conversations.map((c) => c.title);
      await expect.poll(conversationTitles, { timeout: 60_000 }).toContain("Add a health check");
      await d.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: /Add a health check/ }).first().waitFor({ timeout: 60_000 });
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-home.png") });

      await d.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Search", exact: true }).click();
      await d.getByRole("searchbox", { name: "Search conversations" }).fill("health");
      await d.getByTestId("search-result").first().click();
      await expect.poll(() => new URL(d.url()).hash).toMatch(/^#\/c\/cnv_[^/]+\/m\/msg_/);
      await d.getByRole("textbox", { name: "Message" }).waitFor();
      const messageId = new URL(d.url()).hash.split("/m/")[1] ?? "";
      const target = d.locator(`[data-message-id="${messageId}"]`);
      await target.waitFor({ timeout: 10_000 });
      expect(await target.textContent()).toContain("health");
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-search-jump.png") });
      await p.getByRole("button", { name: "Open menu" }).click();
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-drawer.png") });
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await new ChatmlClient({ url: server.origin, token: server.token }).api("/api/settings", { method: "PUT", body: { aiTitles: false } }).catch(() => undefined);
      await devices.closePages();
    }
  });

  it("on a desktop, Create session opens the new conversation with the message box focused; the session's name leads to its overview", async () => {
    const other = await makeTempRepo();
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: other } });
      const d = await devices.open("desktop", "");
      await d.goto(`${server.origin}/#/w/${workspace.id}`);
      await d.getByRole("textbox", { name: "Session name" }).fill("Desk work");
      await d.getByRole("button", { name: "Create session" }).click();
      await expect.poll(() => new URL(d.url()).hash, { timeout: 15_000 }).toMatch(/^#\/c\/cnv_/);
      const box = d.getByRole("textbox", { name: "Message" });
      await expect.poll(() => box.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
      await d.keyboard.type("typed at once");
      expect(await box.inputValue()).toBe("typed at once");
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-new-session.png") });
      await d.getByTestId("session-header").getByRole("link", { name: "Desk work" }).click();
      await expect.poll(() => new URL(d.url()).hash).toMatch(/^#\/s\/ses_/);
      await d.getByRole("region", { name: "Conversations" }).waitFor();
      // A narrower desktop window: the overview's list has less room than the window suggests, and a conversation's
      // title beside its three buttons shrank to a letter or two; it takes a line of its own instead.
      await d.setViewportSize({ width: 1000, height: 700 });
      const title = d.getByRole("region", { name: "Conversations" }).getByTestId("conversation-row-title").first();
      await expect.poll(async () => (await title.boundingBox())?.width ?? 0).toBeGreaterThan(200);
      // The setup steps keep their names on one line; the worktree's long path is what is cut ("Create the" / "worktree").
      const step = d.getByTestId("setup-step-worktree");
      const [stepName, path] = [step.locator("span").nth(1), step.locator("span").nth(2)];
      expect((await stepName.boundingBox())?.height ?? 0).toBeLessThan(1.5 * Number.parseFloat(await stepName.evaluate((el) => getComputedStyle(el).lineHeight)));
      expect(await path.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-1000-overview.png") });
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("the sidebar's workspace, session and conversation entries are links: a new tab opens the screen; a plain click opens it in place", async () => {
    const other = await makeTempRepo();
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const { workspace } = await client.api<{ workspace: { id: string; name: string } }>("/api/workspaces", { body: { path: other } });
      const { session, conversation } = await client.api<{ session: { id: string }; conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspace.id, name: "linked-work" } });
      const d = await devices.open("desktop", "");
      const menu = d.getByRole("navigation", { name: "Conversations menu" });
      const entries = {
        [`#/w/${workspace.id}`]: menu.getByRole("region", { name: "Workspaces" }).getByRole("link", { name: workspace.name, exact: true }),
        [`#/s/${session.id}`]: menu.getByRole("list", { name: `Sessions of ${workspace.name}` }).getByRole("link", { name: /linked-work/ }),
        [`#/c/${conversation.id}`]: menu.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /linked-work/ }),
      };
      for (const [hash, link] of Object.entries(entries)) {
        await link.waitFor({ timeout: 15_000 });
        expect(await link.getAttribute("href")).toBe(hash);
        // A ctrl-click (as a middle click or "Open in new tab") opens the screen's address in a new tab, this one stays.
        const [opened] = await Promise.all([d.context().waitForEvent("page"), link.click({ modifiers: ["ControlOrMeta"] })]);
        await opened.waitForURL(`${server.origin}/${hash}`);
        await opened.close();
        expect(new URL(d.url()).hash).toBe("");
      }
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-sidebar-links.png") });
      // A plain click opens each in this page, as before: no reload (what the page holds stays).
      await d.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      for (const [hash, link] of Object.entries(entries)) {
        await link.click();
        await expect.poll(() => new URL(d.url()).hash).toBe(hash);
        expect(await link.getAttribute("aria-current")).toBe("page");
      }
      expect(await d.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      // On a phone, the drawer's entries are the same links (long-press "Copy link"), 44 px tall to the touch.
      const p = await devices.open("phone", "");
      await p.getByRole("button", { name: "Open menu" }).click();
      const phoneLink = p.getByRole("navigation", { name: "Conversations menu" }).getByRole("list", { name: "Conversations" }).getByRole("link", { name: /linked-work/ });
      expect(await phoneLink.getAttribute("href")).toBe(`#/c/${conversation.id}`);
      expect((await phoneLink.boundingBox())?.height).toBeGreaterThanOrEqual(44);
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-sidebar-links.png") });
      await phoneLink.click();
      await expect.poll(() => new URL(p.url()).hash).toBe(`#/c/${conversation.id}`);
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("the menu's screens and the session overview's conversation titles are links: a middle or ctrl click leaves this page as it is, a plain click opens in place, a reload of the address shows the same screen", async () => {
    const other = await makeTempRepo();
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: other } });
      const { session, conversation } = await client.api<{ session: { id: string }; conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspace.id, name: "titled-work" } });
      const d = await devices.open("desktop", `#/s/${session.id}`);
      const menu = d.getByRole("navigation", { name: "Conversations menu" });
      const title = d.getByRole("region", { name: "Conversations" }).getByTestId("conversation-row-title");
      // Each link, the address it names, and what shows once its screen is open.
      const entries = [
        { link: menu.getByRole("link", { name: "Jobs", exact: true }), hash: "#/jobs", shown: d.getByRole("heading", { name: "Jobs", level: 1 }) },
        { link: menu.getByRole("link", { name: "Settings", exact: true }), hash: "#/settings", shown: d.getByRole("heading", { name: "Settings", level: 1 }) },
        { link: menu.getByRole("link", { name: "Home", exact: true }), hash: "#/", shown: d.getByRole("heading", { name: "Home", level: 1 }) },
      ];
      await title.waitFor({ timeout: 15_000 });
      expect(await title.evaluate((el) => el.tagName)).toBe("A");
      expect(await title.getAttribute("href")).toBe(`#/c/${conversation.id}`);
      for (const { link, hash } of [...entries, { link: title, hash: `#/c/${conversation.id}` }]) {
        expect(await link.getAttribute("href")).toBe(hash);
        // A middle click and a ctrl-click open the address in a new tab; this page stays on the session.
        for (const click of [() => link.click({ button: "middle" }), () => link.click({ modifiers: ["ControlOrMeta"] })]) {
          const [opened] = await Promise.all([d.context().waitForEvent("page"), click()]);
          await opened.waitForURL(`${server.origin}/${hash}`);
          await opened.close();
          expect(new URL(d.url()).hash).toBe(`#/s/${session.id}`);
        }
      }
      // A plain click opens each screen in this page, without a reload; a reload of its address shows it again.
      for (const { link, hash, shown } of entries) {
        await d.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
        await link.click();
        await shown.waitFor({ timeout: 15_000 });
        expect(new URL(d.url()).hash || "#/").toBe(hash);
        expect(await link.getAttribute("aria-current")).toBe("page");
        expect(await d.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
        await d.reload();
        await shown.waitFor({ timeout: 15_000 });
        expect(await link.getAttribute("aria-current")).toBe("page");
      }
      await d.goto(`${server.origin}/#/s/${session.id}`);
      await d.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      await title.click();
      await d.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      expect(new URL(d.url()).hash).toBe(`#/c/${conversation.id}`);
      expect(await d.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await d.reload();
      await d.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      expect(new URL(d.url()).hash).toBe(`#/c/${conversation.id}`);
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("New offers a session in each repository added before the folder start, on a phone and a desktop, as links (a ctrl-click leaves New in place)", async () => {
    const repository = await makeTempRepo();
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const { workspace } = await client.api<{ workspace: { id: string; name: string } }>("/api/workspaces", { body: { path: repository } });
      const d = await devices.open("desktop", "#/new");
      const start = d.getByRole("link", { name: `New session in ${workspace.name}` });
      await start.waitFor({ timeout: 15_000 });
      await d.screenshot({ path: join(SHOTS, "start-desktop-repositories.png") });
      // It only opens the repository's screen, where the session is made (ADR 0278): a ctrl-click opens that screen in
      // a new tab and this page stays on New.
      expect(await start.getAttribute("href")).toBe(`#/w/${workspace.id}`);
      const [opened] = await Promise.all([d.context().waitForEvent("page"), start.click({ modifiers: ["ControlOrMeta"] })]);
      await opened.waitForURL(`${server.origin}/#/w/${workspace.id}`);
      await opened.close();
      expect(new URL(d.url()).hash).toBe("#/new");
      expect(await d.getByRole("heading", { name: "In a folder (no worktree)" }).count()).toBe(1);
      const p = await devices.open("phone", "");
      await p.getByRole("button", { name: "Open menu" }).click();
      await p.getByRole("link", { name: "New conversation" }).click();
      await p.getByRole("heading", { name: "In a folder (no worktree)" }).waitFor({ timeout: 15_000 });
      await p.screenshot({ path: join(SHOTS, "start-phone-repositories.png") });
      await p.getByRole("link", { name: `New session in ${workspace.name}` }).click();
      await expect.poll(() => new URL(p.url()).hash).toBe(`#/w/${workspace.id}`);
      await p.getByRole("button", { name: "Create session" }).waitFor({ timeout: 15_000 });
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(repository, { recursive: true, force: true });
    }
  });

  it("removing a workspace keeps its history until the user deletes it, told how many conversations go", async () => {
    const folder = mkdtempSync(join(tmpdir(), "chatml-removed-"));
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const conversation = await client.startInFolder(folder, { title: "Keep me around" });
      const { workspaces } = await client.api<{ workspaces: { id: string; path: string }[] }>("/api/workspaces");
      const workspaceId = workspaces.find((w) => w.path === folder)?.id ?? "";
      const [p, d] = await Promise.all([devices.open("phone", ""), devices.open("desktop", "")]);
      await d.goto(`${server.origin}/#/w/${workspaceId}`);
      await d.getByRole("button", { name: "Remove workspace" }).click();
      const dialog = d.getByRole("dialog", { name: /^Remove chatml-removed-/ });
      await expect.poll(() => dialog.textContent()).toContain("1 conversation in 1 session is kept");
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-remove-dialog.png") });
      await dialog.getByRole("button", { name: "Remove, keep history" }).click();
      await d.getByText("Removed workspaces (1)").click();
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-removed-list.png") });
      await p.goto(`${server.origin}/#/w/${workspaceId}`);
      await p.getByRole("region", { name: "Removed workspace" }).waitFor({ timeout: 10_000 });
      expect((await client.api<{ conversation: { id: string } }>(`/api/conversations/${conversation.id}`)).conversation.id).toBe(conversation.id);

      await p.getByRole("button", { name: "Restore workspace" }).click();
      await p.getByRole("button", { name: "Remove workspace" }).waitFor({ timeout: 10_000 });
      await p.getByRole("button", { name: "Remove workspace" }).click();
      const phoneDialog = p.getByRole("dialog", { name: /^Remove chatml-removed-/ });
      await phoneDialog.getByRole("checkbox", { name: "Also delete its history for good (1 conversation)" }).check();
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-delete-history.png") });
      await phoneDialog.getByRole("button", { name: "Delete 1 conversation" }).click();
      await expect.poll(async () => (await client.api<{ workspaces: { path: string }[] }>("/api/workspaces")).workspaces.some((w) => w.path === folder)).toBe(false);
      await expect(client.api(`/api/conversations/${conversation.id}`)).rejects.toThrow(/404/);
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("stops a hanging setup script, re-runs it fixed, and deletes a session only through a dialog that says what goes and what stays", async () => {
    const other = await makeTempRepo();
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: other } });
      await client.api(`/api/workspaces/${workspace.id}`, { method: "PATCH", body: { setupScript: "echo waiting-for-a-prompt; sleep 300" } });
      const created = await client.api<{ session: { id: string; branch: string }; conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspace.id } });
      const [p, d] = await Promise.all([devices.open("phone", ""), devices.open("desktop", "")]);

      await p.goto(`${server.origin}/#/s/${created.session.id}`);
      await expect.poll(() => p.getByTestId("setup-log").textContent(), { timeout: 30_000 }).toContain("waiting-for-a-prompt");
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-setup-running.png") });
      await p.getByRole("button", { name: "Stop setup script" }).click();
      await p.getByRole("heading", { name: "Setup finished with a problem" }).waitFor({ timeout: 30_000 });
      await expect.poll(() => p.getByTestId("setup-step-setup").textContent()).toContain("you stopped it");
      expect(await p.getByRole("button", { name: "Stop setup script" }).count()).toBe(0);
      await client.api(`/api/workspaces/${workspace.id}`, { method: "PATCH", body: { setupScript: "echo fixed-script" } });
      await p.getByRole("button", { name: "Run setup script again" }).click();
      await p.getByRole("heading", { name: "Setup done" }).waitFor({ timeout: 30_000 });
      await expect.poll(() => p.getByTestId("setup-log").textContent()).toContain("fixed-script");

      await d.goto(`${server.origin}/#/c/${created.conversation.id}`);
      await d.getByRole("navigation", { name: "Tabs" }).getByRole("link", { name: "Task" }).waitFor({ timeout: 10_000 });
      // While its conversation waits for an answer, the session's dot says so in the sidebar (not a calm green).
      await sendMessage(d, "Run it @@bash");
      const tree = d.getByRole("navigation", { name: "Conversations menu" }).getByRole("region", { name: "Workspaces" });
      await tree.getByRole("img", { name: "waiting for you" }).waitFor({ timeout: 60_000 });
      await d.getByRole("button", { name: "Details" }).click();
      await d.getByRole("button", { name: "Delete session…" }).click();
      const dialog = d.getByRole("dialog", { name: /^Delete the session/ });
      await expect.poll(() => dialog.textContent()).toContain("1 conversation and its history are deleted");
      await expect.poll(() => dialog.textContent()).toContain(`The branch ${created.session.branch} goes too if it is merged into its base`);
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-delete-session.png") });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      expect((await client.api<{ session: { id: string } }>(`/api/sessions/${created.session.id}`)).session.id).toBe(created.session.id);

      await d.getByRole("button", { name: "Delete session…" }).click();
      await d.getByRole("dialog", { name: /^Delete the session/ }).getByRole("button", { name: "Delete session" }).click();
      // Nothing was committed on the branch, so it is merged into its base and goes with the session: the notice says so.
      await d.getByRole("status").filter({ hasText: `and its branch ${created.session.branch}.` }).waitFor({ timeout: 15_000 });
      // The deleted session's conversation had a tab; no dead tab is left behind (Home and the workspace remain).
      await expect.poll(() => d.getByRole("navigation", { name: "Tabs" }).getByRole("link").allTextContents()).toEqual(["Home", expect.stringMatching(/^chatml-repo-/)]);
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-session-deleted.png") });
      // The phone was showing the deleted session: it leaves the dead screen by itself.
      await expect.poll(() => new URL(p.url()).hash, { timeout: 10_000 }).not.toContain(created.session.id);
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("takes a moved repository's new place from its problem banner, and picks a session's environment set", async () => {
    const moving = await makeTempRepo();
    try {
      const client = new ChatmlClient({ url: server.origin, token: server.token });
      const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: moving } });
      await client.api(`/api/workspaces/${workspace.id}`, { method: "PATCH", body: { envSets: { staging: { API_URL: "https://staging.example" } } } });
      const { session, conversation } = await client.api<{ session: { id: string }; conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspace.id, kind: "folder" } });
      const [p, d] = await Promise.all([devices.open("phone", ""), devices.open("desktop", "")]);

      await d.goto(`${server.origin}/#/c/${conversation.id}`);
      await d.getByRole("button", { name: "Details" }).click();
      await d.getByRole("combobox", { name: "Environment set" }).selectOption("staging");
      await expect.poll(async () => (await client.api<{ session: { envSet: string | null } }>(`/api/sessions/${session.id}`)).session.envSet).toBe("staging");

      renameSync(moving, `${moving}-moved`);
      await expect(client.api("/api/sessions", { body: { workspaceId: workspace.id } })).rejects.toThrow(/is gone/);
      await p.goto(`${server.origin}/#/w/${workspace.id}`);
      const problem = p.getByRole("region", { name: "Workspace problem" });
      await problem.getByRole("textbox", { name: "New folder path" }).fill(`${moving}-moved`);
      // The new-session form says why it has no branches to offer, in words (no "ApiError:" from the code).
      const noBranches = p.getByText(/^The branches could not be listed \(/);
      await noBranches.waitFor({ timeout: 15_000 });
      expect(await noBranches.textContent()).toMatch(/^The branches could not be listed \(The folder \S+ is gone/);
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-relocate.png") });
      await problem.getByRole("button", { name: "Move workspace here" }).click();
      await problem.waitFor({ state: "detached", timeout: 10_000 });
      expect((await client.api<{ session: { cwd: string } }>(`/api/sessions/${session.id}`)).session.cwd).toBe(`${moving}-moved`);
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await devices.closePages();
      rmSync(moving, { recursive: true, force: true });
      rmSync(`${moving}-moved`, { recursive: true, force: true });
    }
  });

  it("deletes a conversation only after confirming, and every device drops it live; Settings, one link from Session controls, set when idle CLIs sleep", async () => {
    const folder = await makeTempRepo();
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    try {
      const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: folder } });
      const { session, conversation: first } = await client.api<{ session: { id: string }; conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspace.id, kind: "folder" } });
      const { conversation: second } = await client.api<{ conversation: { id: string } }>("/api/conversations", { body: { sessionId: session.id, kind: "chat" } });
      const isGone = (id: string) => client.api(`/api/conversations/${id}`).then(() => false, () => true);
      const [p, d] = await Promise.all([devices.open("phone", ""), devices.open("desktop", "")]);
      await d.goto(`${server.origin}/#/c/${first.id}`);
      await d.getByRole("textbox", { name: "Message" }).waitFor({ timeout: 15_000 });
      const tabs = d.getByRole("navigation", { name: "Tabs" }).getByRole("link");
      await expect.poll(() => tabs.allTextContents()).toContain("Task");

      await p.goto(`${server.origin}/#/s/${session.id}`);
      const list = p.getByRole("region", { name: "Conversations" });
      await list.getByRole("button", { name: "Delete Task" }).click();
      const confirm = list.getByRole("group", { name: "Confirm: Delete Task" });
      await expect.poll(() => confirm.textContent()).toContain("cannot be undone");
      // Its two answers side by side: at 390 px "Keep it" wrapped alone to a line under "Delete".
      const answers = await Promise.all(["Delete Yes: Delete Task", "Keep it"].map((name) => confirm.getByRole("button", { name }).boundingBox()));
      expect(answers[1]?.y).toBe(answers[0]?.y);
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-delete-conversation.png") });
      await confirm.getByRole("button", { name: "Keep it" }).click();
      expect((await client.api<{ conversation: { id: string } }>(`/api/conversations/${first.id}`)).conversation.id).toBe(first.id);
      await list.getByRole("button", { name: "Delete Task" }).click();
      await confirm.getByRole("button", { name: "Delete Yes: Delete Task" }).click();
      // The click only starts the request: wait until the server has deleted it.
      await expect.poll(() => isGone(first.id), { timeout: 15_000 }).toBe(true);
      // The desktop was showing it: its tab closes and it leaves the dead screen; the phone's list drops the row.
      await expect.poll(() => tabs.allTextContents(), { timeout: 10_000 }).not.toContain("Task");
      await expect.poll(() => new URL(d.url()).hash, { timeout: 10_000 }).not.toContain(first.id);
      await list.getByRole("button", { name: "Delete Task" }).waitFor({ state: "detached", timeout: 10_000 });
      await d.goto(`${server.origin}/#/s/${session.id}`);
      await d.getByRole("region", { name: "Conversations" }).getByRole("button", { name: "Delete New conversation" }).waitFor();
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-session-conversations.png") });

      await d.goto(`${server.origin}/#/c/${second.id}`);
      await d.getByRole("button", { name: "Session controls" }).click();
      const controls = d.getByRole("dialog", { name: "Session controls" });
      // When idle CLIs sleep holds for every conversation: the sheet links to the Settings screen, which sets it.
      await controls.getByRole("link", { name: "App settings" }).click();
      await d.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
      const sleep = d.getByRole("combobox", { name: "Sleep idle processes after" });
      await expect.poll(() => sleep.isEnabled()).toBe(true);
      await sleep.selectOption("30");
      const sleepMinutes = async () => (await client.api<{ settings: { cliSleepAfterMinutes: number } }>("/api/settings")).settings.cliSleepAfterMinutes;
      await expect.poll(sleepMinutes).toBe(30);
      await p.goto(`${server.origin}/#/settings`);
      await expect.poll(() => p.getByRole("combobox", { name: "Sleep idle processes after" }).inputValue()).toBe("30");
      await p.goto(`${server.origin}/#/c/${second.id}`);
      await p.getByRole("button", { name: "Session controls" }).click();
      const phoneControls = p.getByRole("dialog", { name: "Session controls" });
      await phoneControls.getByRole("button", { name: "Delete conversation" }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "workspaces-phone-session-controls.png") });
      await p.goto(`${server.origin}/#/s/${session.id}`);
      await d.goBack();
      await d.getByRole("button", { name: "Session controls" }).click();
      await controls.getByRole("button", { name: "Delete conversation" }).click();
      await d.screenshot({ path: join(SHOTS, "workspaces-desktop-session-controls-delete.png") });
      await controls.getByRole("group", { name: "Confirm: Delete conversation" }).getByRole("button", { name: "Delete Yes: Delete conversation" }).click();
      await expect.poll(() => new URL(d.url()).hash, { timeout: 10_000 }).not.toContain(second.id);
      await expect.poll(() => isGone(second.id), { timeout: 15_000 }).toBe(true);
      await p.getByRole("region", { name: "Conversations" }).getByRole("listitem").first().waitFor({ state: "detached", timeout: 10_000 });
    } catch (error) {
      await devices.keepPagesOfFailure();
      throw error;
    } finally {
      await client.api("/api/settings", { method: "PUT", body: { cliSleepAfterMinutes: 10 } }).catch(() => undefined);
      await devices.closePages();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.waitFor({ timeout: 15_000 });
  await box.fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.getByTestId("message-user").filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}
