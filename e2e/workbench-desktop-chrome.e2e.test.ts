import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";

describe("a conversation beside the workbench's side panel at 1440 × 900", () => {
  const stack = signedInWorkspaceStack("chatml-wb-chrome");

  it("reads the chat mode's hint whole (it was cut to \"…Agent SDK credit o…\")", async () => {
    const { client } = stack;
    const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const { conversation } = await client.api<{ conversation: { id: string } }>("/api/sessions", { body: { workspaceId: workspaces[0]?.id, name: "hint" } });
    // After a turn the status line names the model, and the mode beside it: it takes more of the row.
    await client.connect([conversation.id]);
    await client.turnAllowingAll(conversation.id, "Say hello");
    await client.api(`/api/conversations/${conversation.id}/permission-mode`, { body: { commandId: client.commandId(), mode: "acceptEdits" } });
    const page = await stack.openAt({ width: 1440, height: 900 }, `#/c/${conversation.id}`);
    await page.getByRole("button", { name: "Hide panel" }).waitFor({ timeout: 20_000 });
    const hint = page.getByTestId("mode-hint");
    await hint.getByText("Chat mode (claude -p: Agent SDK credit on Pro/Max plans).").waitFor({ timeout: 15_000 });
    // Whole: no text runs past the hint's box, and the box sits inside the window.
    const sizes = await hint.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
    expect(sizes.right).toBeLessThanOrEqual(1440);
    await page.screenshot({ path: join(SHOTS, "workbench-desktop-mode-hint.png") });
  });
});
