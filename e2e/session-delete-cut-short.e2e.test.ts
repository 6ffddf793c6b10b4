import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { screenshotOnFailure } from "./harness/failure-context.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { pollUntil } from "./support/poll-until.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { SCREEN_SIZES } from "./support/signed-in-page.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";

/**
 * A session whose worktree checkout a crash cut short (no index yet, files not all written): the plain Delete in its
 * dialog removes it when it holds nothing of the user's, and when it does the dialog names the files, says what to do
 * and offers Delete anyway, which removes the folder. At 390 px and a desktop.
 */
describe("deleting a session whose checkout was cut short", () => {
  const stack = signedInWorkspaceStack("chatml-delete-cut-short");

  /** A new session of the workspace, its checkout then cut short as a crash during `git worktree add` leaves it. */
  const cutShortSession = async (): Promise<Session> => {
    const { workspaces } = await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const { session } = await stack.client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspaces[0]!.id } });
    const ready = await pollUntil(async () => (await stack.client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session, (s) => s.setup?.status === "ready", "the session's setup");
    rmSync(await git(ready.cwd, ["rev-parse", "--path-format=absolute", "--git-path", "index"]));
    rmSync(join(ready.cwd, "README.md"));
    return ready;
  };
  const isListed = async (id: string) => (await stack.client.api<{ sessions: { id: string }[] }>("/api/sessions")).sessions.some((s) => s.id === id);

  it.each(SCREEN_SIZES)("deletes one holding no work at once, and names the files of one that holds some (%s)", async (size) => {
    const empty = await cutShortSession();
    const worked = await cutShortSession();
    writeFileSync(join(worked.cwd, "notes.md"), "mine\n");
    const page = await stack.devices.open(size, `#/s/${empty.id}`);
    await screenshotOnFailure(page, join(SHOTS, `delete-cut-short-${size}-failure.png`), async () => {
      const openDialog = async () => {
        await page.getByRole("button", { name: size === "phone" ? "Session menu" : "Details" }).click();
        await page.getByRole("button", { name: "Delete session…" }).click();
        return page.getByRole("dialog", { name: /^Delete the session/ });
      };
      await (await openDialog()).getByRole("button", { name: "Delete session", exact: true }).click();
      await page.getByText(`Deleted “${empty.name}”`, { exact: false }).waitFor();
      expect(await isListed(empty.id)).toBe(false);

      await page.goto(`${stack.server.origin}/#/s/${worked.id}`);
      const dialog = await openDialog();
      await dialog.getByRole("button", { name: "Delete session", exact: true }).click();
      await dialog.getByRole("alert").getByText("The worktree's checkout was cut short (ChatML or git stopped while making it), and it holds 1 file that is not from its commit (notes.md). Copy what you want to keep out of the folder, then delete anyway.").waitFor();
      expect(readFileSync(join(worked.cwd, "notes.md"), "utf8")).toBe("mine\n");
      expect(await unnamedControls(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `delete-cut-short-${size}-refusal.png`) });
      await dialog.getByRole("button", { name: "Delete anyway (lose changes)" }).click();
      await page.getByText(`Deleted “${worked.name}”`, { exact: false }).waitFor();
      expect(await isListed(worked.id)).toBe(false);
      expect((await git(stack.repo, ["worktree", "list"])).split("\n")).toHaveLength(1);
    });
  });
});
