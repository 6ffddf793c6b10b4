// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { REACHABLE_AGAIN, unreachableMessage } from "../lib/unreachable.ts";
import { useConnectionStore } from "../stores/connection-store.ts";
import { isolateDomTests } from "../test-support/dom-tests.ts";
import { ErrorText } from "./error-text.tsx";

isolateDomTests();
beforeEach(() => useConnectionStore.setState({ socket: "open", opens: 1 }));

const reconnect = () =>
  act(() => {
    useConnectionStore.getState().setSocket("closed", null);
    useConnectionStore.getState().setSocket("open", null);
  });

/*
 * A commit, a stash, a rename… tried while the server was down said "Cannot reach the ChatML server", and went on
 * saying it after the page had reconnected: the user could not tell whether it still could not be reached.
 */
describe("an error line", () => {
  it("says an action that did not reach the server can be tried again once the page has reconnected", async () => {
    const { rerender } = render(<ErrorText message={unreachableMessage()} />);
    expect(screen.getByRole("alert").textContent).toBe(unreachableMessage());
    await reconnect();
    expect(screen.getByRole("alert").textContent).toBe(REACHABLE_AGAIN);
    // Tried again and failed again: the fresh error says so as it is.
    rerender(<ErrorText message={null} />);
    rerender(<ErrorText message={unreachableMessage()} />);
    expect(screen.getByRole("alert").textContent).toBe(unreachableMessage());
  });

  it("says so too when the network came back before the socket noticed it was gone (it went on saying the device was offline)", () => {
    render(<ErrorText message={unreachableMessage()} />);
    act(() => useConnectionStore.getState().setReached());
    expect(screen.getByRole("alert").textContent).toBe(REACHABLE_AGAIN);
  });

  it("keeps any other error as it is", async () => {
    render(<ErrorText message="Nothing is staged." />);
    await reconnect();
    expect(screen.getByRole("alert").textContent).toBe("Nothing is staged.");
  });
});
