import { networkInterfaces } from "node:os";

/** What decides which Hosts and Origins reach us: the port, the bind address, TLS and an optional public URL. */
export type AccessConfig = { port: number; bindHost: string; isTls?: boolean; publicUrl?: string | null };

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

type Endpoint = { scheme: "http:" | "https:"; port: number };

/**
 * Which Host headers and Origins are ours. Loopback names and the addresses we bind to are allowed on our port (with
 * our scheme); a `--public-url` (tunnel, reverse proxy) adds its own scheme, host and port. Anything else is refused,
 * which defeats DNS rebinding (an attacker's name resolving to our address still carries the attacker's Host) and
 * pages on other loopback ports (SameSite cookies ignore ports, so the Origin must match exactly: scheme, host, port,
 * and an Origin without a port means the scheme's default port, nothing else).
 */
export class AccessPolicy {
  /** hostname → the endpoints it may name. */
  private readonly allowed = new Map<string, Endpoint[]>();

  constructor(private readonly config: AccessConfig) {
    const scheme = config.isTls ? "https:" : "http:";
    for (const name of [...LOOPBACK_NAMES, ...boundHostnames(config.bindHost)]) this.allow(name, { scheme, port: config.port });
    if (config.publicUrl) {
      const url = new URL(config.publicUrl);
      const publicScheme = url.protocol === "https:" ? "https:" : "http:";
      this.allow(url.hostname, { scheme: publicScheme, port: url.port ? Number(url.port) : defaultPort(publicScheme) });
    }
  }

  /** True when the server listens beyond loopback or sits behind a public URL. */
  get isNetworkReachable(): boolean {
    return !isLoopback(this.config.bindHost) || Boolean(this.config.publicUrl);
  }

  /** A Host header naming one of our names on one of its ports; no port stands for 80 or 443 only. */
  isAllowedHost(host: string | undefined | null): boolean {
    const parsed = parseHost(host);
    if (!parsed) return false;
    const endpoints = this.allowed.get(parsed.hostname) ?? [];
    return endpoints.some((endpoint) => (parsed.port === null ? endpoint.port === defaultPort(endpoint.scheme) : endpoint.port === parsed.port));
  }

  /** An Origin that is exactly one of ours: same scheme, host and port. */
  isAllowedOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch (error) {
      console.warn(`[security] unparsable Origin ${JSON.stringify(origin)}: ${String(error)}`);
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    const port = url.port ? Number(url.port) : defaultPort(url.protocol);
    const hostname = url.hostname.toLowerCase();
    return (this.allowed.get(hostname) ?? []).some((endpoint) => endpoint.scheme === url.protocol && endpoint.port === port);
  }

  private allow(hostname: string, endpoint: Endpoint): void {
    const key = hostname.toLowerCase();
    this.allowed.set(key, [...(this.allowed.get(key) ?? []), endpoint]);
  }
}

/** `host[:port]` from a Host header, or null when it is missing or malformed. */
export function parseHost(host: string | undefined | null): { hostname: string; port: number | null } | null {
  if (!host) return null;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host.toLowerCase());
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { hostname: match[1], port };
}

function defaultPort(scheme: string): number {
  return scheme === "https:" ? 443 : 80;
}

/** True for loopback bind addresses. */
export function isLoopback(host: string): boolean {
  return ["127.0.0.1", "localhost", "::1"].includes(host) || host.startsWith("127.");
}

/** Binding beyond loopback adds the machine's own addresses (a wildcard bind adds every interface's). */
function boundHostnames(bindHost: string): string[] {
  if (isLoopback(bindHost)) return [];
  if (bindHost !== "0.0.0.0" && bindHost !== "::") return [bindHost.includes(":") ? `[${bindHost}]` : bindHost];
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined)
    .map((entry) => (entry.family === "IPv6" ? `[${entry.address.split("%")[0]}]` : entry.address));
}

/** Every non-internal IPv4 address of this machine, for printing LAN URLs. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && entry.family === "IPv4" && !entry.internal)
    .map((entry) => (entry as { address: string }).address);
}

/** The URLs other machines can use: every LAN address for a wildcard bind, the bound address otherwise. */
export function networkUrls(host: string, scheme: string, port: number): string[] {
  if (["127.0.0.1", "localhost", "::1"].includes(host) || host.startsWith("127.")) return [];
  const addresses = ["0.0.0.0", "::"].includes(host) ? lanAddresses() : [host];
  return addresses.map((address) => `${scheme}://${address.includes(":") ? `[${address}]` : address}:${port}`);
}
