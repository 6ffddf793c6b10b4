import { startServer } from "../server/main.ts";
import { launchCommand, loginLinkCommand } from "../server/lib/launch-command.ts";
import { openBrowser } from "../server/lib/open-browser.ts";
import { HELP_TEXT, parseCliArgs, PORT_SEARCH_LIMIT } from "./args.ts";
import { printLoginLink } from "./login-link.ts";
import { onStopRequest } from "./stop-requests.ts";
import packageJson from "../package.json" with { type: "json" };

/** Which build runs: the package's version and its built app. */
export type Build = { version: string; webRoot: string };

const PACKAGE_BUILD: Build = { version: packageJson.version, webRoot: Bun.fileURLToPath(new URL("../dist/web", import.meta.url)) };
/** Where package.json sits: the published package, or the checkout a fresh clone runs. */
const PACKAGE_ROOT = Bun.fileURLToPath(new URL("..", import.meta.url));

/** Parses flags, starts the server, prints where to open it; nothing else. */
export async function run(argv: string[], build: Build = PACKAGE_BUILD): Promise<void> {
  const parsed = parseCliArgs(argv, process.env);
  if (parsed.kind === "help") return void process.stdout.write(HELP_TEXT);
  if (parsed.kind === "version") return void console.log(packageJson.version);
  const command = launchCommand(PACKAGE_ROOT, process.cwd());
  if (parsed.kind === "login-link") process.exit(await printLoginLink(parsed.dataDir, command));
  if (parsed.kind === "error") {
    console.error(`chatml: ${parsed.message}\nRun \`chatml --help\` for the options.`);
    process.exit(2);
  }
  const { options } = parsed;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      ...options,
      startArgs: argv,
      launchCommand: command,
      maxPort: PORT_SEARCH_LIMIT,
      ...build,
      env: process.env,
    });
  } catch (error) {
    console.error(`chatml: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (server.port !== options.port && options.port !== 0) console.log(`Port ${options.port} is busy; using ${server.port} instead.`);
  console.log(`ChatML ${build.version} is running.\n\n  Open: ${server.signInUrl}\n`);
  console.log(`That link signs one browser in; it works once, for 5 minutes. \`${loginLinkCommand(command, options.dataDir)}\` prints a new one.`);
  if (server.lanUrls.length > 0 || options.publicUrl) await printNetworkAccess(server, options.publicUrl);
  console.log(`Data: ${options.dataDir}. Press Ctrl+C to stop.`);
  if (options.open) openBrowser(server.signInUrl);
  // One stop, whichever asks first: the user, or a failure after the listen.
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= server.stop());
  onStopRequest(async (reason) => {
    console.log(reason === "launcher-ended" ? "\nThe command that started ChatML ended; stopping ChatML…" : "\nStopping ChatML…");
    await stop();
    process.exit(0);
  });
  // A server whose conversations or API did not load answers every request with an error: it stops, cleanly, and
  // says why rather than staying up (ADR 0217).
  void server.failed.then(async (error) => {
    console.error(`chatml: ChatML could not load its conversations and API after it started: ${error.message}\nStopping ChatML…`);
    await stop();
    console.error(`chatml: ChatML stopped: the requests it had taken were answered and its data in ${options.dataDir} is kept. The log above says what failed; fix it and start ChatML again.`);
    process.exit(1);
  });
}

/** Says the server is reachable from the network, lists its URLs, and prints a one-time pairing QR code. */
async function printNetworkAccess(server: { lanUrls: string[]; createPairingUrl(): string }, publicUrl: string | null): Promise<void> {
  console.log("Reachable from your network. Other devices must sign in: scan the QR code below (one-time, 5 minutes)");
  console.log("or pair them from Devices in the app. Addresses:");
  for (const url of [...(publicUrl ? [publicUrl] : []), ...server.lanUrls]) console.log(`  ${url}`);
  const pairingUrl = server.createPairingUrl();
  const { renderUnicodeCompact } = await import("uqr");
  console.log(`\n${renderUnicodeCompact(pairingUrl, { border: 1, ecc: "M" })}\n  Pairing link: ${pairingUrl}\n`);
}
