import { networkInterfaces } from "node:os";

/** What decides which Hosts and Origins reach us: the port, the bind address and an optional public URL. */
export type AccessConfig = { port: number; bindHost: string; publicUrl?: string | null };

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Which Host headers and Origins are ours. Loopback names and the addresses we bind to are allowed on our port;
 * a `--public-url` (tunnel, reverse proxy) adds its host on its own port. Anything else is refused, which is what
 * defeats DNS rebinding (an attacker's name resolving to our address still carries the attacker's Host).
 */
export class AccessPolicy {
  /** hostname → the ports it may name (undefined = the Host header may omit the port). */
  private readonly allowed = new Map<string, Set<number>>();

  constructor(private readonly config: AccessConfig) {
    for (const name of [...LOOPBACK_NAMES, ...boundHostnames(config.bindHost)]) this.allow(name, config.port);
    if (config.publicUrl) {
      const url = new URL(config.publicUrl);
      this.allow(url.hostname, url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80);
    }
  }

  /** True when the server listens beyond loopback or sits behind a public URL. */
  get isNetworkReachable(): boolean {
    return !isLoopback(this.config.bindHost) || Boolean(this.config.publicUrl);
  }

  isAllowedHost(host: string | undefined | null): boolean {
    if (!host) return false;
    const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d+))?$/.exec(host.toLowerCase());
    if (!match) return false;
    const ports = this.allowed.get(match[1] ?? "");
    if (!ports) return false;
    return match[2] === undefined || ports.has(Number(match[2]));
  }

  isAllowedOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch (error) {
      console.warn(`[security] unparsable Origin ${JSON.stringify(origin)}: ${String(error)}`);
      return false;
    }
    return (url.protocol === "http:" || url.protocol === "https:") && this.isAllowedHost(url.host);
  }

  private allow(hostname: string, port: number): void {
    const key = hostname.toLowerCase();
    const ports = this.allowed.get(key) ?? new Set<number>();
    ports.add(port);
    this.allowed.set(key, ports);
  }
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
