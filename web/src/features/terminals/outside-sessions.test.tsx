// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { OutsideSessions } from "./outside-sessions.tsx";

isolateDomTests();

it("is a short button in the row, named in full (its label inside the name) and explained on hover; opened, it lists them", async () => {
  const session = { id: "abc-1", title: "Fix the parser", modifiedAt: Date.UTC(2026, 11, 7, 9), sizeBytes: 2048, branch: "main" };
  vi.stubGlobal("fetch", vi.fn(async (url: string) => (String(url).endsWith("/outside-sessions") ? jsonResponse({ sessions: [session] }) : jsonResponse({}, 404))));
  render(<OutsideSessions sessionId={"ses_outside0001" as SessionId} onContinue={vi.fn()} />);
  const button = screen.getByRole("button", { name: "Claude Code sessions from outside ChatML" });
  // As short as the row's "+ Terminal" and "+ Claude"; a voice command by what it shows still finds it.
  expect(button.textContent).toBe("Sessions from outside");
  expect(button.getAttribute("aria-label")?.toLowerCase()).toContain(button.textContent?.toLowerCase());
  expect(button.getAttribute("title")).toMatch(/started outside ChatML: read one, or continue it in an interactive terminal/);

  fireEvent.click(button);
  await screen.findByRole("region", { name: "Claude Code sessions from outside ChatML" });
  expect(screen.getByRole("button", { name: "Continue Fix the parser in Claude" })).toBeTruthy();
});
