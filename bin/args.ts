import type * as NodeNet from "node:net";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { lazyModule } from "../server/lib/lazy-module.ts";
import { type FlagValues, parseFlags } from "./flags.ts";

// Only --trusted-proxy needs it; node:net costs ~5 ms of start-up to import.
const nodeNet = lazyModule<typeof NodeNet>("node:net");

export const DEFAULT_PORT = 3456;
/** How far up we look for a free port when the default one is busy. */
export const PORT_SEARCH_LIMIT = 3476;

export type CliOptions = {
  port: number;
  /** True when the user named a port: then we never move to another one. */
  isPortExplicit: boolean;
  host: string;
  dataDir: string;
  claudeBin: string | null;
  open: boolean;
  /** HTTPS certificate and key (PEM files), both or neither. */
  tls: { certPath: string; keyPath: string } | null;
  /** The URL devices use when ChatML sits behind a tunnel or reverse proxy. */
  publicUrl: string | null;
  /** Believe the proxy's X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy: boolean;
  /** The proxies' own addresses whose X-Forwarded-* headers are believed (default: loopback). */
  trustedProxies: string[];
};

export type ParsedArgs =
  | { kind: "run"; options: CliOptions }
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "login-link"; dataDir: string }
  | { kind: "error"; message: string };

export const HELP_TEXT = `Usage: chatml [options]
       chatml login-link [--data-dir <dir>]

Run Claude Code from any browser. Starts a local server and opens the app signed in.
\`chatml login-link\` asks the running ChatML for a new one-time sign-in link and prints it.

Options:
  --port <n>          Port to listen on (default ${DEFAULT_PORT}; if busy, the next free one up to ${PORT_SEARCH_LIMIT})
  --host <addr>       Address to bind (default 127.0.0.1; 0.0.0.0 = every interface, prints LAN URLs + a pairing QR)
  --lan               Same as --host 0.0.0.0: reachable from your network (devices still need to sign in or pair)
  --tls-cert <file>   Serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key <file>    The PEM private key for --tls-cert
  --public-url <url>  The address devices use behind a tunnel or reverse proxy (tailscale serve, cloudflared, nginx)
  --trust-proxy       Believe X-Forwarded-For/-Proto from the proxy in front (only when one is), if it connects
                      from loopback or a --trusted-proxy address
  --trusted-proxy <a> The proxy's own address when it is not on this machine (repeatable; implies --trust-proxy)
  --data-dir <dir>    Where ChatML keeps its database and token (default ~/.chatml; env CHATML_HOME)
  --claude-bin <path> The Claude Code CLI to run (env CHATML_CLAUDE_BIN; default: found on PATH)
  --no-open           Do not open a browser
  --version           Print the version and exit
  --help              Print this help and exit
`;

/** Parses argv into options, or a clear error; never throws and never exits. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): ParsedArgs {
  if (argv[0] === "login-link") return parseLoginLinkArgs(argv.slice(1), env);
  let values: FlagValues;
  try {
    values = parseFlags(argv, {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "claude-bin": { type: "string" },
      "no-open": { type: "boolean" },
      lan: { type: "boolean" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "public-url": { type: "string" },
      "trust-proxy": { type: "boolean" },
      "trusted-proxy": { type: "string", multiple: true },
      version: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    });
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  return buildOptions(values, env);
}

/** `chatml login-link [--data-dir <dir>]`. */
function parseLoginLinkArgs(argv: string[], env: Record<string, string | undefined>): ParsedArgs {
  try {
    const values = parseFlags(argv, { "data-dir": { type: "string" } });
    return { kind: "login-link", dataDir: resolve((values["data-dir"] as string | undefined) ?? env.CHATML_HOME ?? join(homedir(), ".chatml")) };
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

function buildOptions(values: FlagValues, env: Record<string, string | undefined>): ParsedArgs {
  const portText = values.port as string | undefined;
  let port = DEFAULT_PORT;
  if (portText !== undefined) {
    if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return { kind: "error", message: `--port must be a whole number from 1 to 65535, got "${portText}"` };
    }
    port = Number(portText);
  }
  if (values.lan && values.host !== undefined && values.host !== "0.0.0.0") return { kind: "error", message: "--lan means --host 0.0.0.0; pass one or the other" };
  const host = values.lan ? "0.0.0.0" : ((values.host as string | undefined) ?? "127.0.0.1");
  if (host.trim() === "" || /\s/.test(host)) return { kind: "error", message: `--host must be an address, got "${host}"` };
  const remote = remoteOptions(values);
  if (typeof remote === "string") return { kind: "error", message: remote };
  const dataDirText = (values["data-dir"] as string | undefined) ?? env.CHATML_HOME ?? join(homedir(), ".chatml");
  if (dataDirText.trim() === "") return { kind: "error", message: "--data-dir must not be empty" };
  const claudeBin = (values["claude-bin"] as string | undefined) ?? env.CHATML_CLAUDE_BIN ?? null;
  if (claudeBin !== null && claudeBin.trim() === "") return { kind: "error", message: "--claude-bin must not be empty" };
  return {
    kind: "run",
    options: {
      port,
      isPortExplicit: portText !== undefined,
      host,
      dataDir: resolve(dataDirText),
      claudeBin: claudeBin === null ? null : resolve(claudeBin),
      open: values["no-open"] !== true,
      ...remote,
    },
  };
}

/** TLS, public URL and proxy flags, or the error message. */
function remoteOptions(values: FlagValues): Pick<CliOptions, "tls" | "publicUrl" | "trustProxy" | "trustedProxies"> | string {
  const cert = values["tls-cert"] as string | undefined;
  const key = values["tls-key"] as string | undefined;
  if ((cert === undefined) !== (key === undefined)) return "--tls-cert and --tls-key go together; pass both";
  const publicUrlText = values["public-url"] as string | undefined;
  let publicUrl: string | null = null;
  if (publicUrlText !== undefined) {
    const parsed = URL.canParse(publicUrlText) ? new URL(publicUrlText) : null;
    if (!parsed || !["http:", "https:"].includes(parsed.protocol) || parsed.pathname !== "/" || parsed.search || parsed.hash) {
      return `--public-url must be an http(s) origin like https://box.tailnet.ts.net, got "${publicUrlText}"`;
    }
    publicUrl = parsed.origin;
  }
  const trustedProxies = (values["trusted-proxy"] as string[] | undefined) ?? [];
  const badProxy = trustedProxies.find((address) => !nodeNet.load().isIP(address.replace(/^\[|\]$/g, "")));
  if (badProxy !== undefined) return `--trusted-proxy must be an IP address (the proxy's own), got "${badProxy}"`;
  return {
    tls: cert !== undefined && key !== undefined ? { certPath: resolve(cert), keyPath: resolve(key) } : null,
    publicUrl,
    trustProxy: values["trust-proxy"] === true || trustedProxies.length > 0,
    trustedProxies: trustedProxies.map((address) => address.replace(/^\[|\]$/g, "")),
  };
}
