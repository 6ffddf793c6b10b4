import { errors } from "playwright-core";
import { afterAll, afterEach, it } from "vitest";
import { startFakeApi } from "../../fake-api/server.ts";
import { keepOnFailure, screenshotOnFailure } from "../failure-context.ts";

/** A page whose screenshots time out, as the headless shell's did on 00f3f4a. */
const stuckPage = {
  screenshot: () => Promise.reject(new errors.TimeoutError("page.screenshot: Timeout 30000ms exceeded.")),
};

const api = startFakeApi();
afterAll(() => api.stop());
keepOnFailure("the terminal of the test", () => "the screen it showed");

afterEach(() => {
  throw new Error("a later afterEach broke");
});

it("fails first in its steps and then in its failure screenshot", async () => {
  const asked = await fetch(`${api.url}/v1/messages`, {
    method: "POST",
    body: JSON.stringify({ model: "claude-fake", stream: true, messages: [{ role: "user", content: "@@text what the CLI asked" }] }),
  });
  await asked.text();
  await screenshotOnFailure(stuckPage, "/nonexistent/failure.png", async () => {
    throw new Error("the step that failed first");
  });
});
