import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";

type Listed = { workspaces: { id: string; path: string; archivedAt: number | null }[] };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** Removing a workspace that owns nothing forgets it; one that owns anything (even made meanwhile) is kept (ADR 0248). */
describe("removing an empty workspace", () => {
  const stack = signedInWorkspaceStack("chatml-empty-remove");
  const workspaceOfRepo = async () => (await stack.client.api<Listed>("/api/workspaces")).workspaces.find((w) => w.path === stack.repo);
  const addJob = (workspaceId: string) =>
    stack.client.api("/api/jobs", { method: "POST", body: { workspaceId, name: "Nightly tidy", prompt: "tidy", schedule: { kind: "interval", every: 1, unit: "days" } } });

  it("says nothing is kept, forgets it on every device, and the folder added again is a new workspace", async () => {
    const empty = (await workspaceOfRepo())!;
    const [phone, desktop] = await Promise.all([stack.openAt(PHONE, `#/w/${empty.id}`), stack.openAt(DESKTOP, `#/w/${empty.id}`)]);
    await phone.getByRole("button", { name: "Remove workspace" }).click();
    const phoneDialog = phone.getByRole("dialog", { name: /^Remove chatml-repo-/ });
    await phoneDialog.getByText(/^Nothing is kept: it has no conversations, jobs or settings\./).waitFor();
    await phone.screenshot({ path: join(SHOTS, "empty-remove-phone-dialog.png") });
    await phoneDialog.getByRole("button", { name: "Cancel" }).click();

    await desktop.getByRole("button", { name: "Remove workspace" }).click();
    const dialog = desktop.getByRole("dialog", { name: /^Remove chatml-repo-/ });
    await dialog.getByText(/^Nothing is kept/).waitFor();
    expect(await dialog.textContent()).not.toMatch(/0 conversations|History kept/);
    expect(await dialog.getByRole("checkbox").count()).toBe(0);
    await desktop.screenshot({ path: join(SHOTS, "empty-remove-desktop-dialog.png") });
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();

    await expect.poll(async () => (await workspaceOfRepo())?.id ?? null).toBeNull();
    // The other device had it open: its screen closes and says why.
    await phone.getByText(/you had open was deleted/).waitFor({ timeout: 10_000 });
    await desktop.getByRole("heading", { name: "Home" }).or(desktop.getByText("Recent sessions")).first().waitFor();
    expect(await desktop.getByText(/Removed workspaces/).count()).toBe(0);
    await desktop.screenshot({ path: join(SHOTS, "empty-remove-desktop-after.png") });

    const again = await stack.client.api<{ workspace: { id: string } }>("/api/workspaces", { method: "POST", body: { path: stack.repo } });
    expect(again.workspace.id).not.toBe(empty.id);
  });

  it("keeps one given a job while the dialog said nothing is kept, says so, and names the job the next time", async () => {
    const workspace = (await workspaceOfRepo())!;
    const desktop = await stack.openAt(DESKTOP, `#/w/${workspace.id}`);
    await desktop.getByRole("button", { name: "Remove workspace" }).click();
    const dialog = desktop.getByRole("dialog", { name: /^Remove chatml-repo-/ });
    await dialog.getByText(/^Nothing is kept/).waitFor();
    await addJob(workspace.id);
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await desktop.getByText(/was given something of its own meanwhile, so it was kept under “Removed workspaces”/).waitFor({ timeout: 10_000 });
    await desktop.getByText("Removed workspaces (1)").waitFor();
    expect((await workspaceOfRepo())?.archivedAt).toEqual(expect.any(Number));
    await desktop.screenshot({ path: join(SHOTS, "empty-remove-desktop-kept-meanwhile.png") });

    await stack.client.api(`/api/workspaces/${workspace.id}/restore`, { method: "POST" });
    const phone = await stack.openAt(PHONE, `#/w/${workspace.id}`);
    await phone.getByRole("button", { name: "Remove workspace" }).click();
    const phoneDialog = phone.getByRole("dialog", { name: /^Remove chatml-repo-/ });
    await phoneDialog.getByText("1 job is kept; restore the workspace from “Removed workspaces” (or add the folder again) to use it again.").waitFor();
    expect(await phoneDialog.getByRole("checkbox").count()).toBe(0);
    await phone.screenshot({ path: join(SHOTS, "empty-remove-phone-job-kept.png") });
  });
});
