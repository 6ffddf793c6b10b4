// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { ConversationId, Transport } from "../../../../shared/index.ts";
import { applyEvent } from "../../protocol/apply-event.ts";
import { emptyView, type ConversationView } from "../../protocol/conversation-view.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { CliFactsChip } from "./cli-facts.tsx";
import { StatusBar } from "./status-bar.tsx";

isolateDomTests();

const ID = "cnv_clifacts00001" as ConversationId;

/** The view after the CLI's init reported this version and transport, as the server's event carries it. */
function launched(view: ConversationView, cliVersion: string, transport: Transport, seq: number): ConversationView {
  const event = { type: "cli.session.updated", cliSessionId: "s1", cliVersion, model: null, permissionMode: null, cwd: null, tools: [], slashCommands: [], transport, mcpServers: [] } as const;
  return applyEvent(view, { seq, at: seq, event } as never);
}

it("shows the desktop header's CLI version and transport, and the new ones when a relaunch changes them", () => {
  const first = launched(emptyView(), "2.1.330", "stdio", 1);
  const { rerender } = render(<CliFactsChip info={first.cliSession} status="ready" />);
  expect(screen.getByTestId("cli-facts").textContent).toBe("CLI 2.1.330\u00a0· stdio");
  expect(screen.getByTitle("Claude Code 2.1.330 over stdio")).toBeTruthy();

  rerender(<CliFactsChip info={launched(first, "2.1.332", "sdk-url", 2).cliSession} status="running" />);
  expect(screen.getByTestId("cli-facts").textContent).toBe("CLI 2.1.332\u00a0· --sdk-url");
});

it("says nothing before the CLI has reported", () => {
  render(<CliFactsChip info={emptyView().cliSession} status="idle" />);
  expect(screen.queryByTestId("cli-facts")).toBeNull();
});

it("lists them in a phone's status details, not in its crowded header row", () => {
  const view = launched(emptyView(), "2.1.332", "sdk-url", 1);
  render(<StatusBar id={ID} status="ready" reason={null} view={view} isCompact />);
  expect(screen.queryByTestId("cli-facts")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: /^Status: .*Details$/ }));
  expect(screen.getByTestId("cli-facts").textContent).toBe("Claude Code 2.1.332 over --sdk-url");
});

it.each(["idle", "exited", "starting"] as const)("marks the facts as the last known ones while %s (they read as a CLI running now), in place", (status) => {
  const view = launched(emptyView(), "2.1.332", "stdio", 1);
  const { rerender } = render(<CliFactsChip info={view.cliSession} status="ready" />);
  const running = screen.getByTestId("cli-facts");
  expect(running.getAttribute("data-last-known")).toBe("false");
  expect(running.textContent).toBe("CLI 2.1.332\u00a0· stdio");

  rerender(<CliFactsChip info={view.cliSession} status={status} />);
  const lastKnown = screen.getByTestId("cli-facts");
  expect(lastKnown.getAttribute("data-last-known")).toBe("true");
  expect(lastKnown.title).toBe("Last ran Claude Code 2.1.332 over stdio (not running now)");
  // The visible text stays the same (no jump); a screen reader hears "Last ran" first.
  expect(lastKnown.querySelector(".sr-only")?.textContent).toBe("Last ran ");
  expect(lastKnown.textContent).toBe("Last ran CLI 2.1.332\u00a0· stdio");
});

it("says in a phone's status details that the CLI last ran, once its process has exited", () => {
  const view = launched(emptyView(), "2.1.332", "stdio", 1);
  render(<StatusBar id={ID} status="exited" reason="Claude Code exited with code 1" view={view} isCompact />);
  fireEvent.click(screen.getByRole("button", { name: /^Status: .*Details$/ }));
  expect(screen.getByTestId("cli-facts").textContent).toBe("Last ran Claude Code 2.1.332 over stdio (not running now)");
});
