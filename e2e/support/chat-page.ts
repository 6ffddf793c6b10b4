import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** Playwright helpers for the chat screen, by accessible names and test ids only. */
export class ChatPage {
  constructor(readonly page: Page) {}

  get box(): Locator {
    return this.page.getByRole("textbox", { name: "Message", exact: true });
  }

  /** Types into the composer without sending. */
  async type(text: string): Promise<void> {
    await this.box.waitFor({ timeout: 15_000 });
    await this.box.fill(text);
  }

  /**
   * Sends a message with the Send button and waits for its bubble. The bubble shows once the CLI took the message,
   * so a conversation's first send waits out the CLI's start: as long as a turn may take (`waitForTurns`), not 15 s.
   */
  async send(text: string): Promise<void> {
    await this.type(text);
    await this.page.getByRole("button", { name: "Send", exact: true }).click();
    await this.userMessage(text).waitFor({ timeout: 60_000 });
  }

  userMessage(text: string): Locator {
    return this.page.getByTestId("message-user").filter({ hasText: text }).first();
  }

  /** The number of turn results in the timeline (rows are virtualized, so not counted in the DOM). */
  async turns(): Promise<number> {
    return Number((await this.page.getByTestId("timeline").getAttribute("data-turn-count")) ?? 0);
  }

  /** Waits until there are `n` turn results. */
  async waitForTurns(n: number): Promise<void> {
    await expect.poll(() => this.turns(), { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
  }

  /** Waits for `n` turn results, allowing any tool request that shows up meanwhile. */
  async allowUntilTurns(n: number, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while ((await this.turns()) < n) {
      if (Date.now() > end) throw new Error(`no turn result #${n} within ${timeoutMs} ms`);
      const allow = this.card().getByRole("button", { name: "Allow", exact: true });
      if (await allow.isVisible().catch(() => false)) await allow.click().catch(() => undefined);
      await this.page.waitForTimeout(150);
    }
  }

  card(): Locator {
    return this.page.getByTestId("permission-card").first();
  }

  /** The text of the whole timeline. */
  timelineText(): Promise<string> {
    return this.page.getByTestId("timeline").innerText();
  }

  async waitForText(text: string | RegExp, timeout = 60_000): Promise<void> {
    await expect.poll(() => this.timelineText(), { timeout }).toMatch(typeof text === "string" ? new RegExp(escape(text)) : text);
  }

  /** Waits until `text` shows after the last occurrence of `marker` (e.g. the prompt of the current turn). */
  async waitForTextAfter(marker: string, text: string, timeout = 30_000): Promise<void> {
    await expect.poll(async () => {
      const all = await this.timelineText();
      return all.slice(all.lastIndexOf(marker));
    }, { timeout }).toContain(text);
  }

  /** Opens the session panel and sets the permission mode. */
  async setMode(mode: string): Promise<void> {
    await this.page.getByRole("button", { name: "Session controls" }).click();
    await this.page.getByRole("combobox", { name: "Permission mode" }).selectOption(mode);
    await expect.poll(() => this.page.getByRole("combobox", { name: "Permission mode" }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await this.page.getByRole("button", { name: "Close session controls" }).click();
  }

  /** Expands the last tool block of a kind and returns it. */
  async openTool(name: string): Promise<Locator> {
    const block = this.page.getByTestId(`tool-${name}`).last();
    await block.waitFor({ timeout: 60_000 });
    const header = block.getByRole("button").first();
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
    return block;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
