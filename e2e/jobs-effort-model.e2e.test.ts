import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import { requestText } from "./harness/index.ts";
import { screenshotOnFailure } from "./harness/failure-context.ts";
import { pollUntil } from "./support/poll-until.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";

/**
 * A job's model and effort, chosen in its form, are what its runs ask the API with (the real CLI's requests to the
 * fake API), and an edit of them reaches the next run: the walk a user takes to make a nightly job cheaper.
 */
describe("a job's model and effort", () => {
  const stack = signedInWorkspaceStack("chatml-jobs-effort-model");

  /** The model and effort of the run's own CLI request carrying `marker` (not a title one-shot: those have no tools). */
  const asked = (marker: string) => {
    const request = stack.api.requests.find((r) => r.path.startsWith("/v1/messages") && requestText(r).includes(marker) && (r.body as { tools?: unknown[] }).tools?.length);
    const body = request?.body as { model?: string; output_config?: { effort?: string } } | undefined;
    return body && { model: body.model, effort: body.output_config?.effort ?? null };
  };

  const runNow = async (job: Job, count: number) => {
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    return pollUntil(() => stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`).then((answer) => answer.runs), (runs) => runs.length === count && runs.every((run) => run.status === "succeeded"), `run ${count} to succeed`);
  };

  it("launch its runs with them, and the run after an edit with the new ones", async () => {
    const page = await stack.devices.open("desktop", "#/jobs");
    await screenshotOnFailure(page, join(SHOTS, "jobs-effort-model-failure.png"), async () => {
      await page.getByRole("button", { name: "New job" }).click();
      const form = page.getByRole("form", { name: "New job" });
      await form.getByRole("textbox", { name: "Name" }).fill("Nightly");
      await form.getByRole("textbox", { name: "Prompt" }).fill("First night @@text");
      await form.getByRole("combobox", { name: "Model" }).fill("haiku");
      await form.getByRole("combobox", { name: "Effort" }).selectOption({ label: "High" });
      await form.getByRole("button", { name: "Create job" }).click();
      const card = page.getByRole("article", { name: "Job Nightly" });
      await card.waitFor();
      const [job] = (await stack.client.api<{ jobs: Job[] }>("/api/jobs")).jobs;
      expect(job).toMatchObject({ model: "haiku", effort: "high" });

      await runNow(job!, 1);
      expect(asked("First night")).toEqual({ model: expect.stringMatching(/haiku/), effort: "high" });

      await card.getByRole("button", { name: "Edit job Nightly" }).click();
      const edit = page.getByRole("form", { name: "Edit job Nightly" });
      await edit.getByRole("textbox", { name: "Prompt" }).fill("Second night @@text");
      await edit.getByRole("combobox", { name: "Model" }).fill("sonnet");
      await edit.getByRole("combobox", { name: "Effort" }).selectOption({ label: "Low" });
      await page.screenshot({ path: join(SHOTS, "jobs-effort-model-edit-desktop.png") });
      await edit.getByRole("button", { name: "Save job" }).click();
      await card.waitFor();
      await expect.poll(async () => (await stack.client.api<{ jobs: Job[] }>("/api/jobs")).jobs[0]).toMatchObject({ model: "sonnet", effort: "low" });

      await runNow(job!, 2);
      expect(asked("Second night")).toEqual({ model: expect.stringMatching(/sonnet/), effort: "low" });

      // Back to the defaults: the next run leaves both to the CLI (its own model, its default effort: medium today).
      await card.getByRole("button", { name: "Edit job Nightly" }).click();
      await edit.getByRole("textbox", { name: "Prompt" }).fill("Third night @@text");
      await edit.getByRole("combobox", { name: "Model" }).fill("");
      await edit.getByRole("combobox", { name: "Effort" }).selectOption({ label: "Default" });
      await edit.getByRole("button", { name: "Save job" }).click();
      await expect.poll(async () => (await stack.client.api<{ jobs: Job[] }>("/api/jobs")).jobs[0]).toMatchObject({ model: null, effort: null });
      await runNow(job!, 3);
      const third = asked("Third night");
      expect(third?.effort).not.toBe("low");
      expect(third?.model).not.toMatch(/sonnet|haiku/);
    });
  });
});
