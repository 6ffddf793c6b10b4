// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { DevicesPanel } from "./devices-panel.tsx";

isolateDomTests();
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * While a pairing waits, its card reads the device list (and the link's use) again every 2 s. A test of what such a
 * read shows fakes only that interval and moves it on by one read, instead of waiting it out: ~7 s of this file's
 * ~10 s was those waits. The reads, their answers and the screen are the real ones. (Testing Library's own polling
 * interval is then faked too: its findBy… still sees each change through its DOM observer, and times out on real time.)
 */
const fakeWatchInterval = () => vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
const nextWatch = () => act(() => vi.advanceTimersByTimeAsync(2000));
/** What the live regions in `within` say now: a Copy button's waits there empty until it copies. */
const said = (container: HTMLElement) => within(container).queryAllByRole("status").map((s) => s.textContent ?? "").filter(Boolean);

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

/** A server where this laptop is the only device; its 5-minute pairing links (made on `serverNow`) are never used. */
function laptopAlone(serverNow: () => number) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith("/api/devices")) return jsonResponse({ devices: [device("dev_laptop", "Chrome on Linux", true)] });
      if (url.endsWith("/api/pairing") && init?.method === "POST") return jsonResponse({ id: "a".repeat(64), url: "http://box.test/pair?code=abc", expiresAt: serverNow() + 300_000, expiresInMs: 300_000, qrSvg: "<svg></svg>" });
      if (url.includes("/api/pairing/")) return jsonResponse({ device: null });
      if (url.endsWith("/api/pairing")) return jsonResponse({ address: "http://box.test", howToReach: "" });
      return jsonResponse({ publicKey: null, isSubscribed: false });
    }),
  );
}

/** A server that lists `devices` and changes nothing. */
function listing(devices: ReturnType<typeof device>[]) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith("/api/devices")) return jsonResponse({ devices });
      if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
      return jsonResponse({ publicKey: null, isSubscribed: false });
    }),
  );
}

/** A laptop (this device) and a phone, on a server that refuses every `method` request with `error`. */
function refusingOne(method: string, error: { code: string; message: string }, status: number) {
  const devices = [device("dev_laptop", "Work laptop", true), device("dev_phone", "Chrome on Android", false)];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (init?.method === method) return jsonResponse({ error }, status);
      if (url.endsWith("/api/devices")) return jsonResponse({ devices });
      if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
      return jsonResponse({ publicKey: null, isSubscribed: false });
    }),
  );
  render(<DevicesPanel onClose={() => undefined} />);
}

describe("the Devices screen", () => {
  it("replaces a pairing QR code with the name of the device that signed in with it, not of any other new device", async () => {
    const devices = [device("dev_laptop", "Chrome on Linux", true)];
    let usedBy: ReturnType<typeof device> | null = null;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) return jsonResponse({ devices: [...devices] });
        if (url.endsWith(`/api/pairing/${"a".repeat(64)}`)) return jsonResponse({ device: usedBy });
        if (url.endsWith("/api/pairing") && init?.method === "POST") {
          return jsonResponse({ id: "a".repeat(64), url: "http://box.test/pair?code=abc", expiresAt: Date.now() + 300_000, expiresInMs: 300_000, qrSvg: "<svg></svg>" });
        }
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: "http://box.test", howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    fakeWatchInterval();
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Show pairing QR code" }));
    await screen.findByTestId("pairing-qr");
    const card = screen.getByRole("region", { name: "Pair a device" });

    // Another browser signs in meanwhile (a sign-in link, another window's pairing): it was named as the one paired.
    devices.push(device("dev_other", "Firefox on Linux", false));
    await nextWatch();
    await screen.findByText("Firefox on Linux");
    expect(said(card)).toEqual([]);
    expect(screen.getByTestId("pairing-qr")).toBeTruthy();

    // The phone opens the link and signs in.
    const phone = device("dev_phone", "Safari on iPhone", false);
    devices.push(phone);
    usedBy = phone;
    await nextWatch();
    await nextWatch();
    // The watch's read and the render after it run on real time: a loaded machine (CI beside other work) took > 1 s.
    await vi.waitFor(() => expect(said(card).join()).toContain("“Safari on iPhone” is paired"), { timeout: 10_000 });
    expect(screen.queryByTestId("pairing-qr")).toBeNull();
    expect(screen.getAllByTestId("device-row").map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Chrome on Linux\s*\(this device\)/),
      expect.stringContaining("Firefox on Linux"),
      expect.stringContaining("Safari on iPhone"),
    ]);
    expect(said(card).join()).not.toContain("Firefox");
    expect(within(card).getByRole("button", { name: "Make a new pairing link" })).toBeTruthy();
  });

  it("makes a pairing link only once the device list is read (before, every device passed for the one just paired)", async () => {
    let listDevices = (_answer: Response) => {};
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) return new Promise<Response>((resolve) => (listDevices = resolve));
        if (url.endsWith("/api/pairing") && init?.method === "POST") return jsonResponse({ url: "http://box.test/pair?code=abc", expiresAt: Date.now() + 300_000, expiresInMs: 300_000, qrSvg: "<svg></svg>" });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: "http://box.test", howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    const show = await screen.findByRole<HTMLButtonElement>("button", { name: "Show pairing QR code" });
    expect(show.disabled).toBe(true);
    await act(async () => listDevices(jsonResponse({ devices: [device("dev_laptop", "Chrome on Linux", true)] })));
    fireEvent.click(show);
    await screen.findByTestId("pairing-qr");
    expect(said(document.body)).toEqual([]);
  });

  it("shows the just-paired device connected once it is (its dot stayed grey until the list was read again)", async () => {
    const devices = [device("dev_laptop", "Chrome on Linux", true)];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) return jsonResponse({ devices: devices.map((d) => ({ ...d })) });
        if (url.endsWith(`/api/pairing/${"a".repeat(64)}`)) return jsonResponse({ device: devices[1] ?? null });
        if (url.endsWith("/api/pairing") && init?.method === "POST") return jsonResponse({ id: "a".repeat(64), url: "http://box.test/pair?code=abc", expiresAt: Date.now() + 300_000, expiresInMs: 300_000, qrSvg: "<svg></svg>" });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: "http://box.test", howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    fakeWatchInterval();
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Show pairing QR code" }));
    await screen.findByTestId("pairing-qr");
    const phone = { ...device("dev_phone", "Safari on iPhone", false), isConnected: false };
    devices.push(phone); // signed in, its socket not open yet
    await nextWatch();
    await within(screen.getByRole("region", { name: "Pair a device" })).findByRole("status", {}, { timeout: 10_000 });
    phone.isConnected = true; // its page opened the socket
    await nextWatch();
    const row = () => screen.getAllByTestId("device-row")[1] as HTMLElement;
    expect(await within(row()).findByLabelText("connected")).toBeTruthy();
  });

  it("clears a failed read of the list once a later read works (its error stayed above the fresh list)", async () => {
    const reads = [true, false, true];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) {
          return reads.shift() ? jsonResponse({ devices: [device("dev_laptop", "Chrome on Linux", true)] }) : jsonResponse({ error: { code: "internal", message: "ChatML is restarting." } }, 500);
        }
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false, device: device("dev_laptop", "Chrome on Linux", true) });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    // Each saved notification choice reads the list again: the first such read fails, the next one works.
    const choice = await screen.findByRole("checkbox", { name: /finishes or fails/ });
    fireEvent.click(choice);
    expect((await screen.findByRole("alert")).textContent).toContain("ChatML is restarting.");
    fireEvent.click(choice);
    await vi.waitFor(() => expect(reads).toEqual([]));
    await vi.waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });

  it("asks before it revokes a device (one tap beside Rename signed it out)", async () => {
    const revoked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (init?.method === "DELETE") revoked.push(url);
        if (url.endsWith("/api/devices")) return jsonResponse({ devices: [device("dev_laptop", "Chrome on Linux", true), device("dev_phone", "Kitchen tablet", false)] });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ ok: true });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    const row = (await screen.findAllByTestId("device-row"))[1] as HTMLElement;
    fireEvent.click(within(row).getByRole("button", { name: "Revoke Kitchen tablet" }));
    expect(revoked).toEqual([]);
    const ask = within(row).getByRole("group", { name: "Confirm: Revoke Kitchen tablet" });
    fireEvent.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(revoked).toEqual([]);
    fireEvent.click(within(row).getByRole("button", { name: "Revoke Kitchen tablet" }));
    fireEvent.click(within(within(row).getByRole("group", { name: "Confirm: Revoke Kitchen tablet" })).getByRole("button", { name: "Revoke" }));
    await vi.waitFor(() => expect(revoked).toEqual([expect.stringMatching(/\/api\/devices\/dev_phone$/)]));
  });

  it("tells the last signed-in device, before it signs itself out, that only a login link brings it back (not another device)", async () => {
    listing([device("dev_laptop", "Work laptop", true)]);
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out Work laptop" }));
    const ask = screen.getByRole("group", { name: "Confirm: Sign out Work laptop" });
    expect(ask.textContent).toContain("No other device is signed in");
    expect(ask.textContent).toContain("bunx chatml login-link");
    expect(ask.textContent).not.toContain("pair it from another device");
  });

  it("offers another device as the way back when one is signed in", async () => {
    listing([device("dev_laptop", "Work laptop", true), device("dev_phone", "Phone", false)]);
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out Work laptop" }));
    const ask = screen.getByRole("group", { name: "Confirm: Sign out Work laptop" });
    expect(ask.textContent).toContain("pair it from another device");
    expect(ask.textContent).not.toContain("No other device");
  });

  it("says why the pairing link was not copied where the browser gives the page no clipboard (plain HTTP on a LAN)", async () => {
    laptopAlone(() => Date.now());
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Show pairing QR code" }));
    // jsdom, like Chromium on http://192.168.…, has no navigator.clipboard: the tap did nothing and said nothing.
    expect(navigator.clipboard).toBeUndefined();
    fireEvent.click(await screen.findByRole("button", { name: "Copy the pairing link" }));
    expect((await screen.findByRole("alert")).textContent).toContain("select the text and use your device's own Copy");
    expect(screen.getByRole("button", { name: "Copy the pairing link" }).textContent).toBe("Copy");
  });

  it("counts a new pairing link down from 5:00 however long the screen was open (it read 5:01 or more)", async () => {
    let clock = Date.now();
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    // The server's clock is a minute behind this device's: its expiry time alone would read 4:00.
    laptopAlone(() => clock - 60_000);
    render(<DevicesPanel onClose={() => undefined} />);
    const show = await screen.findByRole("button", { name: "Show pairing QR code" });
    clock += 30_000; // the screen stayed open half a minute before the link was asked for
    fireEvent.click(show);
    expect((await screen.findByText(/^Expires in/)).textContent).toBe("Expires in 5:00");
  });

  it("says a pairing link expired unused when its QR code goes away, and makes a new one", async () => {
    let clock = Date.now();
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    laptopAlone(() => clock);
    fakeWatchInterval();
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Show pairing QR code" }));
    await screen.findByTestId("pairing-qr");
    clock += 300_000;
    await nextWatch();
    const card = screen.getByRole("region", { name: "Pair a device" });
    expect(said(card)).toEqual(["The link expired unused (each works for 5 minutes)."]);
    expect(screen.queryByTestId("pairing-qr")).toBeNull();
    fireEvent.click(within(card).getByRole("button", { name: "Make a new pairing link" }));
    await screen.findByTestId("pairing-qr");
    expect(said(card)).toEqual([]);
  });

  it("lists this device first, the others in the order they were paired (in pairing order it sat mid-list)", async () => {
    const devices = [device("dev_tablet", "Safari on iPad", false), device("dev_phone", "Chrome on Android", true), device("dev_laptop", "Firefox on Linux", false)];
    listing(devices);
    render(<DevicesPanel onClose={() => undefined} />);
    await screen.findByText("(this device)");
    expect(screen.getAllByTestId("device-row").map((row) => row.querySelector("p")?.textContent)).toEqual(["Chrome on Android (this device)", "Safari on iPad", "Firefox on Linux"]);
  });

  it("keeps “(this device)” whole beside a long name, and a rename can be cancelled", async () => {
    const devices = [device("dev_laptop", "Chrome on Linux", true), device("dev_other", "Chrome on Linux", false)];
    listing(devices);
    render(<DevicesPanel onClose={() => undefined} />);
    const mark = await screen.findByText("(this device)");
    expect(mark.closest(".truncate")).toBeNull();
    // Nothing of a row is cut off: on a phone a long name and the "last seen" line were ("Grand…", "Last seen 12/3/2026, 7…").
    for (const row of screen.getAllByTestId("device-row")) expect(row.querySelector(".truncate")).toBeNull();

    const other = screen.getAllByTestId("device-row")[1] as HTMLElement;
    fireEvent.click(within(other).getByRole("button", { name: "Rename Chrome on Linux" }));
    fireEvent.change(within(other).getByRole("textbox", { name: "Device name" }), { target: { value: "Half typed" } });
    fireEvent.click(within(other).getByRole("button", { name: "Cancel" }));
    expect(within(other).queryByRole("textbox", { name: "Device name" })).toBeNull();
    expect(within(other).getByText("Chrome on Linux")).toBeTruthy();
  });

  it("says under the name being edited why the server refused it, keeping what was typed", async () => {
    const refusal = "Another signed-in device is already called “Work laptop”: pick a name that tells them apart.";
    refusingOne("PATCH", { code: "conflict", message: refusal }, 409);
    const phone = (await screen.findAllByTestId("device-row"))[1] as HTMLElement;
    fireEvent.click(within(phone).getByRole("button", { name: "Rename Chrome on Android" }));
    fireEvent.change(within(phone).getByRole("textbox", { name: "Device name" }), { target: { value: "Work laptop" } });
    fireEvent.click(within(phone).getByRole("button", { name: "Save" }));
    expect((await within(phone).findByRole("alert")).textContent).toBe(refusal);
    expect((within(phone).getByRole("textbox", { name: "Device name" }) as HTMLInputElement).value).toBe("Work laptop");
  });

  it("says in the row being revoked why the server refused (another window signed that device out already)", async () => {
    const refusal = "No such device (or it is already signed out).";
    refusingOne("DELETE", { code: "not_found", message: refusal }, 404);
    const phone = (await screen.findAllByTestId("device-row"))[1] as HTMLElement;
    fireEvent.click(within(phone).getByRole("button", { name: "Revoke Chrome on Android" }));
    const confirmation = within(phone).getByRole("group", { name: "Confirm: Revoke Chrome on Android" });
    fireEvent.click(within(confirmation).getByRole("button", { name: "Revoke" }));
    expect((await within(phone).findByRole("alert")).textContent).toBe(refusal);
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    // The list was read again and still holds the phone: its row stays, with its error, and no "already signed out".
    await vi.waitFor(() => expect(vi.mocked(fetch).mock.calls.filter(([url]) => String(url).endsWith("/api/devices")).length).toBeGreaterThan(1));
    expect(within(screen.getAllByTestId("device-row")[1] as HTMLElement).getByRole("alert").textContent).toBe(refusal);
    expect(screen.queryByText(/already signed out\.$/)).toBeNull();
  });

  it("reads the list again after a refused revoke: a device another window signed out leaves it, with a notice", async () => {
    // That other window signed the phone out: the server refuses the revoke and lists the laptop alone from then on.
    let devices = [device("dev_laptop", "Work laptop", true), device("dev_phone", "Chrome on Android", false)];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (init?.method === "DELETE") {
          devices = devices.filter((d) => d.id !== "dev_phone");
          return jsonResponse({ error: { code: "not_found", message: "No such device (or it is already signed out)." } }, 404);
        }
        if (url.endsWith("/api/devices")) return jsonResponse({ devices });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    const phone = (await screen.findAllByTestId("device-row"))[1] as HTMLElement;
    fireEvent.click(within(phone).getByRole("button", { name: "Revoke Chrome on Android" }));
    fireEvent.click(within(within(phone).getByRole("group", { name: "Confirm: Revoke Chrome on Android" })).getByRole("button", { name: "Revoke" }));
    expect((await screen.findByText("“Chrome on Android” was already signed out.")).getAttribute("role")).toBe("status");
    expect(screen.getAllByTestId("device-row").map((row) => row.textContent)).toEqual([expect.stringContaining("Work laptop")]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("tells rows of one browser apart by when each was seen and signed in, and signs out its older sign-ins at once", async () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0";
    const now = Date.now();
    const row = (id: string, name: string, isCurrent: boolean, userAgent: string, seenMinutesAgo: number) => ({
      ...device(id, name, isCurrent), isConnected: isCurrent, userAgent, lastSeenAt: now - seenMinutesAgo * 60_000, createdAt: now - seenMinutesAgo * 60_000,
    });
    const revoked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (init?.method === "DELETE") revoked.push(url.split("/").pop() ?? "");
        if (url.endsWith("/api/devices")) {
          return jsonResponse({ devices: [
            row("dev_now", "Chrome on Linux (3)", true, chrome, 0),
            row("dev_older", "Chrome on Linux (2)", false, chrome, 5),
            row("dev_oldest", "Chrome on Linux", false, chrome, 180),
            row("dev_phone", "Safari on iPhone", false, "Mozilla/5.0 (iPhone) Safari/604.1", 30),
          ] });
        }
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ ok: true });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    const rows = await screen.findAllByTestId("device-row");
    expect(rows.map((r) => r.textContent?.match(/(Connected now|Last seen [^·]+)/)?.[0]?.trim())).toEqual(["Connected now", "Last seen 5 min ago", "Last seen 3 h ago", "Last seen 30 min ago"]);
    const older = screen.getByRole("group", { name: "Older sign-ins of this browser" });
    fireEvent.click(within(older).getByRole("button", { name: "Sign out 2 older sign-ins of this browser" }));
    expect(revoked).toEqual([]);
    // The question has the keyboard; Escape puts the button back, focused, and leaves the screen open.
    expect(document.activeElement).toBe(within(older).getByRole("button", { name: "Sign them out" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "Escape" });
    expect(document.activeElement).toBe(within(older).getByRole("button", { name: "Sign out 2 older sign-ins of this browser" }));
    expect(screen.getByRole("dialog", { name: "Devices" })).toBeTruthy();
    fireEvent.click(within(older).getByRole("button", { name: "Sign out 2 older sign-ins of this browser" }));
    fireEvent.click(within(older).getByRole("button", { name: "Sign them out" }));
    await vi.waitFor(() => expect(revoked.sort()).toEqual(["dev_older", "dev_oldest"]));
  });

  it("marks the devices not seen for a week and signs them out at once, asked first, keeping this one and the recent", async () => {
    const now = Date.now();
    const seen = (id: string, name: string, isCurrent: boolean, daysAgo: number) => ({
      ...device(id, name, isCurrent), isConnected: isCurrent, userAgent: `agent of ${id}`, lastSeenAt: now - daysAgo * 86_400_000, createdAt: now - 30 * 86_400_000,
    });
    let devices = [
      seen("dev_laptop", "Chrome on Linux", true, 0),
      seen("dev_stale1", "Chrome on Android (7)", false, 7.5),
      seen("dev_recent", "Safari on iPhone", false, 6),
      seen("dev_stale2", "Chrome on Android (8)", false, 40),
    ];
    const revoked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (init?.method === "DELETE") {
          const id = url.split("/").pop() ?? "";
          revoked.push(id);
          devices = devices.filter((d) => d.id !== id);
        }
        if (url.endsWith("/api/devices")) return jsonResponse({ devices });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ ok: true });
      }),
    );
    render(<DevicesPanel onClose={() => undefined} />);
    const rows = await screen.findAllByTestId("device-row");
    expect(rows.map((r) => r.textContent?.includes("Not seen for 7+ days"))).toEqual([false, true, false, true]);
    const unseen = screen.getByRole("group", { name: "Devices not seen for a week" });
    fireEvent.click(within(unseen).getByRole("button", { name: "Sign out 2 devices not seen for 7 days" }));
    expect(revoked).toEqual([]);
    fireEvent.click(within(unseen).getByRole("button", { name: "Sign them out" }));
    await vi.waitFor(() => expect(revoked.sort()).toEqual(["dev_stale1", "dev_stale2"]));
    await vi.waitFor(() => expect(screen.getAllByTestId("device-row")).toHaveLength(2));
    expect(screen.queryByRole("group", { name: "Devices not seen for a week" })).toBeNull();
    // The group (and its focused button) went with the rows: the keyboard is on the list they left, and it is said.
    expect(document.activeElement).toBe(screen.getByRole("list", { name: "Signed-in devices" }));
    expect(said(document.body)).toEqual(["Signed out 2 devices."]);
  });

  it("says a device that was paired already signed in again with the link (the QR code stayed up: no new row appeared)", async () => {
    let isUsed = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url.endsWith("/api/devices")) return jsonResponse({ devices: [device("dev_laptop", "Chrome on Linux", true), device("dev_phone", "Safari on iPhone", false)] });
        if (url.endsWith(`/api/pairing/${"a".repeat(64)}`)) return jsonResponse({ device: isUsed ? device("dev_phone", "Safari on iPhone", false) : null });
        if (url.endsWith("/api/pairing") && init?.method === "POST") {
          return jsonResponse({ id: "a".repeat(64), url: "http://box.test/pair?code=abc", expiresAt: Date.now() + 300_000, expiresInMs: 300_000, qrSvg: "<svg></svg>" });
        }
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: "http://box.test", howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    fakeWatchInterval();
    render(<DevicesPanel onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Show pairing QR code" }));
    await screen.findByTestId("pairing-qr");
    isUsed = true; // the phone, signed in already, opened the link
    const card = screen.getByRole("region", { name: "Pair a device" });
    await nextWatch();
    expect((await within(card).findByRole("status", {}, { timeout: 10_000 })).textContent).toContain("“Safari on iPhone” was paired already and signed in again with it");
    expect(screen.queryByTestId("pairing-qr")).toBeNull();
    expect(screen.getAllByTestId("device-row")).toHaveLength(2);
  });

  it("holds the keyboard: the card takes it, Escape closes a question or a rename before the screen, and gives it back", async () => {
    listing([device("dev_laptop", "Chrome on Linux", true), device("dev_phone", "Kitchen tablet", false)]);
    const opener = document.body.appendChild(document.createElement("button"));
    opener.focus();
    const onClose = vi.fn();
    const { unmount } = render(<DevicesPanel onClose={onClose} />);
    const dialog = screen.getByRole("dialog", { name: "Devices" });
    expect(dialog.contains(document.activeElement)).toBe(true);
    const row = (await screen.findAllByTestId("device-row"))[1] as HTMLElement;
    // Each row's buttons name their device: a list of bare "Revoke" buttons named none.
    expect(within(screen.getAllByTestId("device-row")[0] as HTMLElement).getByRole("button", { name: "Sign out Chrome on Linux" })).toBeTruthy();

    fireEvent.click(within(row).getByRole("button", { name: "Revoke Kitchen tablet" }));
    const ask = within(row).getByRole("group", { name: "Confirm: Revoke Kitchen tablet" });
    expect(document.activeElement).toBe(within(ask).getByRole("button", { name: "Revoke" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "Escape" });
    expect(within(row).queryByRole("group")).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole("button", { name: "Revoke Kitchen tablet" }));

    fireEvent.click(within(row).getByRole("button", { name: "Rename Kitchen tablet" }));
    expect(document.activeElement).toBe(within(row).getByRole("textbox", { name: "Device name" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "Escape" });
    expect(within(row).queryByRole("textbox")).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole("button", { name: "Rename Kitchen tablet" }));
    expect(onClose).not.toHaveBeenCalled();

    fireEvent.keyDown(document.activeElement as Element, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

describe("rotating the sign-in token", () => {
  it("asks in place, not with the browser's confirm(): the question holds the keyboard, Escape and Cancel give it back", async () => {
    let rotations = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        if (url.endsWith("/api/auth/rotate-token")) {
          rotations += 1;
          return jsonResponse({ error: { code: "internal", message: "The token file could not be written." } }, 500);
        }
        if (url.endsWith("/api/devices")) return jsonResponse({ devices: [device("dev_laptop", "Chrome on Linux", true)] });
        if (url.endsWith("/api/pairing")) return jsonResponse({ address: null, howToReach: "" });
        return jsonResponse({ publicKey: null, isSubscribed: false });
      }),
    );
    const confirmSpy = vi.fn(() => true);
    vi.stubGlobal("confirm", confirmSpy);
    render(<DevicesPanel onClose={() => undefined} />);
    await screen.findAllByTestId("device-row");
    const ask = () => screen.getByRole("button", { name: "Rotate token and sign everyone out" });
    fireEvent.click(ask());
    const question = screen.getByRole("group", { name: "Confirm: Rotate token and sign everyone out" });
    expect(question.textContent).toContain("Sign out every device, this one included?");
    expect(document.activeElement).toBe(within(question).getByRole("button", { name: /^Sign everyone out/ }));
    fireEvent.keyDown(document.activeElement as Element, { key: "Escape" });
    expect(screen.queryByRole("group", { name: "Confirm: Rotate token and sign everyone out" })).toBeNull();
    expect(document.activeElement).toBe(ask());
    expect(screen.getByRole("dialog", { name: "Devices" })).toBeTruthy();

    fireEvent.click(ask());
    fireEvent.click(screen.getByRole("button", { name: /^Cancel/ }));
    expect(document.activeElement).toBe(ask());

    // A failed rotation is said beside the question, which stays to try again; nothing was asked of confirm().
    fireEvent.click(ask());
    fireEvent.click(screen.getByRole("button", { name: /^Sign everyone out/ }));
    const stillAsking = screen.getByRole("group", { name: "Confirm: Rotate token and sign everyone out" });
    expect(await within(stillAsking).findByText("The token file could not be written.")).toBeTruthy();
    expect(rotations).toBe(1);
    expect(confirmSpy).not.toHaveBeenCalled();
  });
});
