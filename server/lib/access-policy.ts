import { timingSafeEqual } from "node:crypto";
import { networkInterfaces } from "node:os";

/** Which Host headers and Origins reach us, and which token signs in. */
export class AccessPolicy {
  private readonly hostnames: Set<string>;
  private readonly tokenBytes: Buffer;

  constructor(
    token: string,
    private readonly port: number,
    bindHost: string,
  ) {
    this.tokenBytes = Buffer.from(token);
    this.hostnames = new Set(["127.0.0.1", "localhost", "[::1]", ...extraHostnames(bindHost)]);
  }

  isValidToken(candidate: string): boolean {
    const bytes = Buffer.from(candidate);
    return bytes.length === this.tokenBytes.length && timingSafeEqual(bytes, this.tokenBytes);
  }

  isAllowedHost(host: string | undefined): boolean {
    if (!host) return false;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
    if (!match) return false;
    const [, hostname, port] = match;
    return this.hostnames.has(hostname ?? "") && (port === undefined || Number(port) === this.port);
  }

  isAllowedOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return (url.protocol === "http:" || url.protocol === "https:") && this.isAllowedHost(url.host);
  }
}

/** Binding beyond loopback adds the machine's own addresses (a wildcard bind adds every interface's). */
function extraHostnames(bindHost: string): string[] {
  if (["127.0.0.1", "localhost", "::1"].includes(bindHost)) return [];
  if (bindHost !== "0.0.0.0" && bindHost !== "::") return [bindHost.includes(":") ? `[${bindHost}]` : bindHost];
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined)
    .map((entry) => (entry.family === "IPv6" ? `[${entry.address.split("%")[0]}]` : entry.address));
}
