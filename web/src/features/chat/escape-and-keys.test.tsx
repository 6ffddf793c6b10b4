// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { useEscapeLayer } from "../../lib/escape-layers.ts";
import { permission } from "../../protocol/test-fixtures.ts";
import { PermissionQueue } from "./permission-queue.tsx";
import { useInterrupt } from "./use-interrupt.ts";

const CNV = "cnv_test0001" as ConversationId;

function mockFetch() {
  const fn = vi.fn(async () => new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "content-type": "application/json" } }));
  vi.stubGlobal("fetch", fn);
  return fn;
}
const bodyOf = (fn: ReturnType<typeof mockFetch>, call: number) =>
  JSON.parse(String((fn.mock.calls[call] as unknown as [string, RequestInit])[1].body)) as Record<string, unknown>;

beforeEach(() => {
  // A desktop with a mouse: the keyboard answers are on.
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
});
afterEach(async () => {
  // Let answers still in flight settle (and React apply their state) while the DOM exists: a state update that lands
  // after the environment is torn down throws "window is not defined" from React's scheduler and fails the run.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  cleanup();
  vi.unstubAllGlobals();
});

function Layer({ name, onClose }: { name: string; onClose: (name: string) => void }) {
  useEscapeLayer(true, () => onClose(name));
  return <div>{name}</div>;
}

function Interruptible({ isEscEnabled }: { isEscEnabled: boolean }) {
  useInterrupt(CNV, true, isEscEnabled);
  return (
    <>
      <textarea aria-label="Message" />
      <input aria-label="Other field" />
    </>
  );
}

describe("Escape", () => {
  it("closes only the newest open layer, and nothing behind it sees the key", () => {
    const closed: string[] = [];
    const behind = vi.fn();
    window.addEventListener("keydown", behind);
    render(
      <>
        <Layer name="panel" onClose={(n) => closed.push(n)} />
        <Layer name="dialog" onClose={(n) => closed.push(n)} />
      </>,
    );
    fireEvent.keyDown(window, { key: "Escape" });
    expect(closed).toEqual(["dialog"]);
    expect(behind).not.toHaveBeenCalled();
    window.removeEventListener("keydown", behind);
  });

  it("interrupts a running turn from the composer, not from another field, and never while Claude waits for the user", async () => {
    const fetch = mockFetch();
    const { rerender } = render(<Interruptible isEscEnabled={false} />);
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Message" }), { key: "Escape" });
    expect(fetch).not.toHaveBeenCalled();
    rerender(<Interruptible isEscEnabled />);
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Other field" }), { key: "Escape" });
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Message" }), { key: "Escape" });
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(String((fetch.mock.calls[0] as unknown as [string])[0])).toContain("/interrupt");
  });
});

describe("Allow/Deny from the keyboard", () => {
  it("Alt+Y allows from inside the composer without typing a character; a plain y there is text", async () => {
    const fetch = mockFetch();
    render(
      <>
        <textarea aria-label="Message" />
        <PermissionQueue conversationId={CNV} requests={[permission("p1")]} />
      </>,
    );
    const composer = screen.getByRole("textbox", { name: "Message" });
    fireEvent.keyDown(composer, { key: "y", code: "KeyY" });
    expect(fetch).not.toHaveBeenCalled();
    const chord = fireEvent.keyDown(composer, { key: "¥", code: "KeyY", altKey: true });
    expect(chord).toBe(false); // default prevented: nothing is typed
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(bodyOf(fetch, 0)).toMatchObject({ decision: "allow" });
  });

  it("Alt+N denies", async () => {
    const fetch = mockFetch();
    render(<PermissionQueue conversationId={CNV} requests={[permission("p1")]} />);
    fireEvent.keyDown(document.body, { key: "n", code: "KeyN", altKey: true });
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(bodyOf(fetch, 0)).toMatchObject({ decision: "deny" });
  });
});
