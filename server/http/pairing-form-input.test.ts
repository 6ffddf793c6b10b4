import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { publicUrl: "https://box.tailnet.ts.net" } });
});
afterAll(() => server.cleanup());

const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
const owner = () => ({ authorization: `Bearer ${server.token}`, origin: server.url, "content-type": "application/json" });

async function pairingCode(): Promise<string> {
  const response = await fetch(`${server.url}/api/pairing`, { method: "POST", headers: owner() });
  expect(response.status).toBe(200);
  return new URL(((await response.json()) as { url: string }).url).searchParams.get("code") ?? "";
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/pair`, { method: "POST", redirect: "manual", body, headers: { origin: server.url, ...headers } });

async function deviceNames(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/devices`, { headers: owner() });
  return ((await response.json()) as { devices: { name: string }[] }).devices.map((device) => device.name);
}

describe("the pairing form's bad input", () => {
  it("answers a form body it cannot parse with a 400 page, not a server error, and the code still pairs", async () => {
    const code = await pairingCode();
    const cut = `--x\r\ncontent-disposition: form-data; name="code"\r\n\r\n${code}`;
    const broken = await post(cut, { "content-type": "multipart/form-data; boundary=x" });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toContain("text/html");
    expect(await broken.text()).toContain("could not be read");
    expect(broken.headers.get("set-cookie")).toBeNull();
    expect((await post(new URLSearchParams({ code, name: "Tablet" }))).status).toBe(303);
  });

  it("shows the form again with why, for a name with a line break or a direction override, and pairs once it is fixed", async () => {
    const code = await pairingCode();
    for (const name of ["Phone\n[security] device dev_abcdef revoked", "\u202Exunil no emorhC"]) {
      const refused = await post(new URLSearchParams({ code, name }));
      expect(refused.status).toBe(400);
      expect(refused.headers.get("set-cookie")).toBeNull();
      const page = await refused.text();
      // The same form, the code in it unspent, the field marked and its reason read with it.
      expect(page).toContain('action="/pair"');
      expect(page).toContain(`value="${code}"`);
      expect(page).toContain('aria-invalid="true" aria-describedby="name-problem"');
      expect(page).toMatch(/id="name-problem" role="alert">A device name cannot hold line breaks/);
    }
    expect(await deviceNames()).not.toContainEqual(expect.stringContaining("[security]"));
    const fixed = await post(new URLSearchParams({ code, name: "Kitchen phone" }));
    expect(fixed.status).toBe(303);
    expect(await deviceNames()).toContain("Kitchen phone");
  });

  it("refuses a rename to a name with a line break or a direction override, and keeps the name", async () => {
    const cookie = cookieOf(await fetch(server.signInUrl, { redirect: "manual" }));
    const id = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    const rename = (name: string) => fetch(`${server.url}/api/devices/${id}`, { method: "PATCH", headers: owner(), body: JSON.stringify({ name }) });
    expect((await rename("Work laptop")).status).toBe(200);
    for (const name of ["Work\nlaptop", "Work\u202Elaptop", "Work\tlaptop"]) {
      const refused = await rename(name);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("A device name cannot hold line breaks");
    }
    // An emoji joined with a zero-width joiner is a name like any other.
    expect((await rename("👩‍💻 laptop")).status).toBe(200);
    expect(await deviceNames()).toContain("👩‍💻 laptop");
  });
});

describe("a JSON route's body sent as something else", () => {
  it("is refused naming the header to send, and changes nothing (a curl -d rename answered 200 and renamed nothing)", async () => {
    const cookie = cookieOf(await fetch(server.signInUrl, { redirect: "manual" }));
    const id = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    const before = await deviceNames();
    const headers = { authorization: `Bearer ${server.token}`, origin: server.url };
    for (const contentType of ["application/x-www-form-urlencoded", "text/plain;charset=UTF-8"]) {
      const sent = await fetch(`${server.url}/api/devices/${id}`, { method: "PATCH", headers: { ...headers, "content-type": contentType }, body: JSON.stringify({ name: "Renamed by a script" }) });
      expect(sent.status).toBe(400);
      expect(((await sent.json()) as { error: { message: string } }).error.message).toContain(`must be JSON, sent with Content-Type: application/json (it came as ${contentType.split(";")[0]})`);
    }
    expect(await deviceNames()).toEqual(before);
    // A body-less request still reads as an empty object, and JSON sent as JSON works.
    expect((await fetch(`${server.url}/api/devices/${id}`, { method: "PATCH", headers })).status).toBe(200);
    const json = await fetch(`${server.url}/api/devices/${id}`, { method: "PATCH", headers: owner(), body: JSON.stringify({ name: "Renamed by a script" }) });
    expect(json.status).toBe(200);
  });
});
