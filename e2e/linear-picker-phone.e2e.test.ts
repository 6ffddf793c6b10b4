import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { githubLinearStack, SHOTS } from "./support/github-stack.ts";
import { openSignedIn } from "./support/signed-in-page.ts";

describe("the Linear issue picker on a phone", () => {
  const stack = githubLinearStack({ name: "chatml-lin-picker", token: "github_pat_11E2E0000000000000pickr", linearKey: "lin_api_pickerpickerpickerpick" });

  it("shows each issue's title whole, not cut to one line alike for every row", async () => {
    const { client, server, browser, repo, linear } = stack;
    const titles = ["Let the export keep the column order the user chose in the table", "Let the export keep the row order the user chose in the table"];
    for (const title of titles) linear.addIssue({ teamKey: "ENG", title });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "pick" } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const { context, page } = await openSignedIn(browser, server, "phone", `#/s/${session.id}`);
    const card = page.getByRole("region", { name: "Linear issue" });
    await card.getByRole("button", { name: "Link a Linear issue" }).click({ timeout: 20_000 });
    const rows = card.getByTestId("linear-issue-title");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    for (const title of titles) {
      const row = rows.filter({ hasText: title });
      // Nothing runs past the box: the two titles differ only near their ends.
      const sizes = await row.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
      expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth);
      expect(sizes.scrollHeight).toBeLessThanOrEqual(sizes.clientHeight);
    }
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "linear-phone-picker.png") });
    await context.close();
  });
});
