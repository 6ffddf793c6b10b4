import { describe, expect, it } from "vitest";
import { howToReach, pairingAddress } from "./pairing-address.ts";
import type { NetworkInfo } from "./remote-access.ts";

const network = (over: Partial<NetworkInfo> = {}): NetworkInfo => ({
  isNetworkReachable: false,
  lanUrls: [],
  publicUrl: null,
  isHttps: false,
  howToReach: howToReach([]),
  ...over,
});

describe("pairingAddress", () => {
  it("is null on a loopback-only server opened on loopback: a phone cannot open 127.0.0.1", () => {
    expect(pairingAddress(network(), "http://127.0.0.1:3456")).toBeNull();
    expect(pairingAddress(network(), "http://localhost:3456")).toBeNull();
    expect(pairingAddress(network(), "http://[::1]:3456")).toBeNull();
  });

  it("prefers the public URL, then the name the request came in under, then the first LAN URL", () => {
    const lan = network({ lanUrls: ["http://192.168.1.5:3456"], isNetworkReachable: true });
    expect(pairingAddress({ ...lan, publicUrl: "https://box.ts.net/" }, "http://127.0.0.1:3456")).toBe("https://box.ts.net");
    expect(pairingAddress(lan, "http://127.0.0.1:3456")).toBe("http://192.168.1.5:3456");
    expect(pairingAddress(lan, "http://laptop.local:3456")).toBe("http://laptop.local:3456");
  });
});

describe("howToReach", () => {
  it("keeps the user's flags, drops the network ones and adds --lan or --public-url", () => {
    const how = howToReach(["--port", "4000", "--host", "127.0.0.1", "--data-dir=/tmp/my data", "--public-url", "https://old.example", "--no-open"]);
    expect(how.lan).toBe("bunx chatml --port 4000 '--data-dir=/tmp/my data' --no-open --lan");
    expect(how.tunnel).toBe("bunx chatml --port 4000 '--data-dir=/tmp/my data' --no-open --public-url https://<your-tunnel-address>");
    expect(howToReach([]).lan).toBe("bunx chatml --lan");
    expect(howToReach(["--lan"]).lan).toBe("bunx chatml --lan");
  });

  it("restarts with the command that started ChatML: a checkout's own bin, not the published package", () => {
    expect(howToReach(["--port", "3700"], "bun bin/chatml.ts").lan).toBe("bun bin/chatml.ts --port 3700 --lan");
  });
});
