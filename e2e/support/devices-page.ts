import type { Page } from "playwright-core";

/** Opens the Devices panel: from the strip over the screen on a desktop, from the drawer ("Open menu") on a phone. */
export async function openDevices(page: Page): Promise<void> {
  const menu = page.getByRole("button", { name: "Open menu" });
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByRole("navigation", { name: "Conversations menu" }).getByRole("button", { name: "Devices" }).click();
    return;
  }
  await page.getByRole("button", { name: "Devices", exact: true }).click();
}
