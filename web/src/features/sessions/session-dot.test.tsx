// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import type { Conversation, Session } from "../../../../shared/index.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SessionDot } from "./session-labels.tsx";

isolateDomTests();

const SESSION = { id: "ses_dot000000001", problem: null, setup: null } as unknown as Session;
const RUNNING = { id: "cnv_dot000000001", sessionId: SESSION.id, status: "running" } as unknown as Conversation;

it("says a session is only last known to work, faint and still, while the connection is lost, and working again once it opens", () => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: { [RUNNING.id]: RUNNING } });
  act(() => useConnectionStore.getState().setSocket("open", null));
  render(<SessionDot session={SESSION} />);
  expect(screen.getByRole("img", { name: "working" }).className).toContain("animate-pulse");

  act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
  const dot = screen.getByRole("img", { name: "Last known: working" });
  expect(dot.className).not.toContain("animate-pulse");
  expect(dot.dataset.lastKnown).toBe("true");

  act(() => useConnectionStore.getState().setSocket("open", null));
  expect(screen.getByRole("img", { name: "working" }).className).toContain("animate-pulse");
});
