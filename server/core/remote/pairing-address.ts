import { isLoopback } from "../../lib/access-policy.ts";
import { PACKAGE_COMMAND, shellWord } from "../../lib/launch-command.ts";
import type { NetworkInfo } from "./remote-access.ts";

/** The commands that restart ChatML so a phone can reach it, keeping the flags it was started with. */
export type HowToReach = { lan: string; tunnel: string };

/** Flags that decide where ChatML listens; the restart commands replace them. */
const NETWORK_FLAGS_WITH_VALUE = new Set(["--host", "--public-url"]);
const NETWORK_FLAGS = new Set(["--lan"]);

/**
 * Where another device should open a pairing link, or null when no device but this computer can reach the server
 * (bound to loopback, no `--public-url`, opened on loopback): a QR code of `127.0.0.1` is useless on a phone. A
 * request that arrived under a non-loopback name came from the network, so that name works.
 */
export function pairingAddress(network: NetworkInfo, requestOrigin: string): string | null {
  if (network.publicUrl) return network.publicUrl.replace(/\/$/, "");
  const here = new URL(requestOrigin);
  const hostname = here.hostname.replace(/^\[|\]$/g, "");
  if (!isLoopback(hostname)) return here.origin;
  return network.lanUrls[0] ?? null;
}

/**
 * `bunx chatml <the same flags> --lan` and `… --public-url <tunnel>`: what to run instead of the current server;
 * `command` is how this ChatML was started (`bun bin/chatml.ts` in a checkout, see launchCommand).
 */
export function howToReach(startArgs: readonly string[], command: string = PACKAGE_COMMAND): HowToReach {
  const kept: string[] = [];
  for (let i = 0; i < startArgs.length; i++) {
    const arg = startArgs[i] ?? "";
    const name = arg.split("=")[0] ?? arg;
    if (NETWORK_FLAGS.has(name)) continue;
    if (NETWORK_FLAGS_WITH_VALUE.has(name)) {
      if (!arg.includes("=")) i++;
      continue;
    }
    kept.push(shellWord(arg));
  }
  const base = [command, ...kept].join(" ");
  return { lan: `${base} --lan`, tunnel: `${base} --public-url https://<your-tunnel-address>` };
}

/** Why a pairing link cannot be made, and what to run instead. */
export function unreachableMessage(how: HowToReach): string {
  return (
    "A phone cannot reach this server: it listens on this computer only (127.0.0.1). " +
    `Restart it reachable from your network with \`${how.lan}\`, or behind a tunnel with \`${how.tunnel}\`.`
  );
}
