import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";

type Listed = { workspaces: { id: string; path: string; archivedAt: number | null }[] };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const LONG_GOAL = "Keep the architecture decision records, the README and every public API's documentation current after each release";
const LONG_JOB = "nightly-dependency-audit-with-lockfile-refresh-and-changelog-summary-for-every-workspace-package";

/**
 * Removing a workspace that owns nothing forgets it; one that owns anything (even made meanwhile) is kept (ADR 0248);
 * deleting its history deletes its goals and jobs, named and confirmed (ADR 0261).
 */
describe("removing an empty workspace", () => {
  const stack = signedInWorkspaceStack("chatml-empty-remove");
  const workspaceOfRepo = async () => (await stack.client.api<Listed>("/api/workspaces")).workspaces.find((w) => w.path === stack.repo);
  const addJob = (workspaceId: string, name = "Nightly tidy") =>
    stack.client.api("/api/jobs", { method: "POST", body: { workspaceId, name, prompt: "tidy", schedule: { kind: "interval", every: 1, unit: "days" } } });

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
    // Keeping is the default; deleting it with the workspace is offered by name, not as "0 conversations" (ADR 0261).
    expect(await phoneDialog.getByRole("button", { name: "Remove, keep history" }).count()).toBe(1);
    expect(await phoneDialog.textContent()).not.toMatch(/0 conversations/);
    await phoneDialog.getByRole("checkbox", { name: "Also delete its history for good (1 job)" }).check();
    await phoneDialog.getByRole("region", { name: "Goals and jobs deleted with it" }).getByText("Nightly tidy").waitFor();
    await phone.screenshot({ path: join(SHOTS, "empty-remove-phone-job-kept.png") });
  });

  it("deletes the history with its goal and jobs, named and confirmed, and the Jobs screen of another device drops them", async () => {
    const workspace = (await workspaceOfRepo())!;
    const goal = await stack.client.api<{ goal: { id: string } }>("/api/goals", { method: "POST", body: { workspaceId: workspace.id, title: LONG_GOAL, shouldPlan: false } });
    for (const name of ["Nightly dependency audit", LONG_JOB, "Weekly triage", "Flaky test sweep", "Docs link check"]) await addJob(workspace.id, name);
    const jobs = async () => (await stack.client.api<{ jobs: { name: string }[] }>(`/api/jobs?workspaceId=${workspace.id}`)).jobs.map((j) => j.name);
    expect(await jobs()).toHaveLength(6);
    // A desktop looks at the same list (a long one folds), then watches the Jobs screen.
    const desktop = await stack.openAt(DESKTOP, `#/w/${workspace.id}`);
    await desktop.getByRole("button", { name: "Remove workspace" }).click();
    const desktopDialog = desktop.getByRole("dialog", { name: /^Remove chatml-repo-/ });
    await desktopDialog.getByRole("checkbox", { name: "Also delete its history for good (1 goal and 6 jobs)" }).check();
    await desktopDialog.getByRole("region", { name: "Goals and jobs deleted with it" }).getByText("2 more").waitFor();
    await desktop.screenshot({ path: join(SHOTS, "jobsdelete-desktop-dialog.png") });
    await desktopDialog.getByRole("button", { name: "Cancel" }).click();
    await desktop.evaluate(() => (location.hash = "#/jobs"));
    await desktop.getByText("Nightly tidy").first().waitFor({ timeout: 10_000 });

    const phone = await stack.openAt(PHONE, `#/w/${workspace.id}`);
    await phone.getByRole("button", { name: "Remove workspace" }).click();
    const dialog = phone.getByRole("dialog", { name: /^Remove chatml-repo-/ });
    await dialog.getByRole("checkbox", { name: "Also delete its history for good (1 goal and 6 jobs)" }).check();
    const named = dialog.getByRole("region", { name: "Goals and jobs deleted with it" });
    await named.getByText(LONG_GOAL).waitFor();
    await named.getByText("2 more").waitFor();
    const remove = dialog.getByRole("button", { name: "Delete 1 goal and 6 jobs" });
    expect(await remove.isDisabled()).toBe(true);
    await phone.screenshot({ path: join(SHOTS, "jobsdelete-phone-dialog.png") });
    await named.getByText("2 more").click();
    await named.getByText(LONG_JOB).waitFor();
    await named.getByRole("checkbox", { name: "Also delete the 1 goal and 6 jobs listed above" }).check();
    await phone.screenshot({ path: join(SHOTS, "jobsdelete-phone-dialog-confirmed.png") });
    await remove.click();

    await expect.poll(async () => (await workspaceOfRepo())?.id ?? null, { timeout: 15_000 }).toBeNull();
    // The other device's Jobs screen drops them live (entity frames, one a job: the page may draw between them, so
    // every name is waited for); the server lists none of them.
    const shownJobs = async () => {
      const counts = await Promise.all(["Nightly tidy", "Nightly dependency audit", "Weekly triage", "Flaky test sweep", "Docs link check"].map((name) => desktop.getByText(name).count()));
      return counts.reduce((sum, count) => sum + count, 0);
    };
    await expect.poll(shownJobs, { timeout: 10_000 }).toBe(0);
    expect((await stack.client.api<{ goals: { id: string }[] }>("/api/goals")).goals.map((g) => g.id)).not.toContain(goal.goal.id);
    expect((await stack.client.api<{ jobs: unknown[] }>("/api/jobs")).jobs).toEqual([]);
  });
});
