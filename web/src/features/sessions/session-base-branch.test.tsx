// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { Session, SessionId, WorkspaceId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SessionBaseBranch } from "./session-base-branch.tsx";

const session = { id: "ses_basebranch001" as SessionId, workspaceId: "wsp_basebranch001" as WorkspaceId, name: "login-fixes", branch: "login-fixes", baseBranch: "main" } as Session;

isolateDomTests();

it("offers local and origin-only branches but not the session's own; a refusal is said and the base stays", async () => {
  const asked: unknown[] = [];
  const refusal = 'The branch "release" does not exist, neither here nor on origin. Its base stays main.';
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).endsWith("/branches")) return jsonResponse({ branches: ["main", "login-fixes", "release"], originOnly: ["staging"] });
    asked.push(JSON.parse(String(init?.body)));
    return jsonResponse({ error: { code: "bad_request", message: refusal } }, 400);
  }));
  render(<SessionBaseBranch session={session} />);
  const field = await screen.findByRole<HTMLSelectElement>("combobox", { name: /Base branch/ });
  await vi.waitFor(() => expect([...field.options].map((o) => o.textContent)).toEqual(["main", "release", "origin/staging"]));
  const change = screen.getByRole("button", { name: "Change base" });
  expect(change).toHaveProperty("disabled", true); // the base it has already
  fireEvent.change(field, { target: { value: "release" } });
  fireEvent.click(change);
  expect((await screen.findByRole("alert")).textContent).toBe(refusal);
  expect(asked).toEqual([{ baseBranch: "release" }]);
  expect(field.value).toBe("release");
  expect(screen.getByText("(now main)")).toBeTruthy();
});
