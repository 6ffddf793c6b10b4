import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { commitFile } from "../server/git/test-support.ts";
import { githubLinearStack, SHOTS } from "./support/github-stack.ts";
import { openSignedIn, SCREEN_SIZES } from "./support/signed-in-page.ts";

const TOKEN = "github_pat_11E2E0000000000000rvw";
const KEY = "lin_api_reviewreviewreviewrevi";

describe("without automatic status, an open PR's Linear issue at Todo is one tap from In Review (ADR 0306)", () => {
  const stack = githubLinearStack({ name: "chatml-linear-review", token: TOKEN, linearKey: KEY });
  /** The repository's workspace, added by the first size's test. */
  let workspaceId: string | null = null;

  it.each(SCREEN_SIZES)("on a %s the card says Linear still says Todo and Mark in review moves it there", async (size) => {
    const { client, server, browser, linear } = stack;
    await client.api("/api/integrations/linear/settings", { method: "PUT", body: { isAutoStatus: false } });
    const issue = linear.addIssue({ teamKey: "ENG", title: `Add the gadget (${size})` });
    workspaceId ??= (await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: stack.repo } })).workspace.id;
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId, name: `gadget-${size}` } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
    await client.api("/api/integrations/linear/links", { body: { sessionId: ready.id, issueId: issue.id } });
    await commitFile(ready.cwd, "gadget.ts", "export const gadget = 1;\n");
    await client.api(`/api/sessions/${ready.id}/pull-request`, { body: { title: "Add the gadget", body: "" } });

    const { context, page } = await openSignedIn(browser, server, size, `#/s/${session.id}`);
    try {
      const card = page.getByRole("region", { name: "Linear issue" });
      const note = card.getByTestId("linear-behind-note");
      await note.waitFor({ timeout: 20_000 });
      expect(await note.textContent()).toMatch(/^Pull request #\d+ is open; Linear still says Todo\. With automatic status off, ChatML leaves issues to you\.$/);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `linear-open-pr-${size}.png`) });
      await card.getByRole("button", { name: `Mark ${issue.identifier} in review` }).click();
      await card.getByTestId("linear-state").filter({ hasText: /^In Review$/ }).waitFor({ timeout: 15_000 });
      expect(linear.stateName(issue.id)).toBe("In Review");
      expect(await note.count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
