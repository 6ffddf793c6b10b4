// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { DevicesPanel } from "./devices-panel.tsx";

isolateDomTests();

const device = (id: string, name: string, isCurrent: boolean) => ({
  id,
  name,
  isCurrent,
  isConnected: true,
  createdAt: 1,
  lastSeenAt: 1,
  lastAddress: "10.0.0.1",
  userAgent: null,
  notifications: { needsMe: true, finished: true },
});

describe("the Devices screen", () => {
  it("replaces a pairing QR code with the new device's name once that device has signed in with it", async () => {
    const devices = [device("dev_laptop", "Chrome on Linux", true)];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) return jsonResponse({ devices: [...devices] });
        if (url.endsWith("/api/pairing") && init?.method === "POST") {
          return jsonResponse({ url: "http://box.test/pair?code=abc", expiresAt: Date.now() + 300_000, qrSvg: "<svg></svg>" });
        }
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: "http://box.test", howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Show pairing QR code" }));
    await screen.findByTestId("pairing-qr");

    // The phone opens the link and signs in.
    devices.push(device("dev_phone", "Safari on iPhone", false));
    const card = screen.getByRole("region", { name: "Pair a device" });
    expect((await within(card).findByRole("status", {}, { timeout: 10_000 })).textContent).toContain("“Safari on iPhone” is paired");
    expect(screen.queryByTestId("pairing-qr")).toBeNull();
    expect(screen.getAllByTestId("device-row").map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Chrome on Linux\s*\(this device\)/),
      expect.stringContaining("Safari on iPhone"),
    ]);
    expect(within(card).getByRole("button", { name: "Make a new pairing link" })).toBeTruthy();
  });

  it("keeps “(this device)” whole beside a long name, and a rename can be cancelled", async () => {
    const devices = [device("dev_laptop", "Chrome on Linux", true), device("dev_other", "Chrome on Linux", false)];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) return jsonResponse({ devices });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    const mark = await screen.findByText("(this device)");
    expect(mark.closest(".truncate")).toBeNull();

    const other = screen.getAllByTestId("device-row")[1] as HTMLElement;
    fireEvent.click(within(other).getByRole("button", { name: "Rename Chrome on Linux" }));
    fireEvent.change(within(other).getByRole("textbox", { name: "Device name" }), { target: { value: "Half typed" } });
    fireEvent.click(within(other).getByRole("button", { name: "Cancel" }));
    expect(within(other).queryByRole("textbox", { name: "Device name" })).toBeNull();
    expect(within(other).getByText("Chrome on Linux")).toBeTruthy();
  });
});
