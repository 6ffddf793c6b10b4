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

describe("the focus after an answer", () => {
  const Screen = ({ ids }: { ids: string[] }) => (
    <>
      <button type="button">Top of the page</button>
      <PermissionQueue conversationId={CNV} requests={ids.map((id) => permission(id))} />
      <textarea aria-label="Message" />
    </>
  );

  it("goes on to the next waiting card, then to the composer, where it fell to the page's body", async () => {
    mockFetch();
    const { rerender } = render(<Screen ids={["p1", "p2"]} />);
    const [first] = screen.getAllByRole("button", { name: "Allow" });
    act(() => first?.focus());
    fireEvent.click(first!);
    // The server's word that p1 is answered takes its card away.
    rerender(<Screen ids={["p2"]} />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("permission-card")));
    act(() => screen.getByRole("button", { name: "Deny" }).focus());
    rerender(<Screen ids={[]} />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Message" })));
  });

  it("stays where the user put it meanwhile, and a card never held is left without moving it", async () => {
    mockFetch();
    const { rerender } = render(<Screen ids={["p1"]} />);
    const top = screen.getByRole("button", { name: "Top of the page" });
    act(() => top.focus());
    rerender(<Screen ids={[]} />);
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(document.activeElement).toBe(top);
  });
});
