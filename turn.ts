import type { Page } from "playwright-core";
export default async function (page: Page) {
  await page.getByText("Task", { exact: true }).first().click();
  await page.waitForTimeout(1500);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill("Please run a command @@bash");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.waitForTimeout(6000);
}
