import type { Settings } from "../../../shared/api/inputs.ts";
import type { Transport } from "../../../shared/protocol/model.ts";
import type { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { pickTransport, unsupportedReason, untestedNotice, type CliVersion } from "../../claude/cli-version.ts";
import { readCliAuth, type CliAuth } from "../../claude/auth-status.ts";
import { discoverCli, type DiscoverResult } from "../../claude/discover.ts";
import type { CliProcessListener } from "../../claude/contracts.ts";
import type * as Transports from "../../claude/launch.ts";
import { NoRunnableCliError, type CliLauncher, type LaunchedCli, type LaunchRequest } from "../ports.ts";

/** The CLI found (or why none runs); `notice` says when it is newer than any ChatML was tested with. */
export type CliInfo = { path: string | null; version: string | null; transport: Transport | null; error: string | null; notice: string | null; auth: CliAuth | null };

type LauncherDeps = {
  /** The --claude-bin flag / CHATML_CLAUDE_BIN, if given. */
  explicitBin: string | null;
  settings: () => Settings;
  env: Record<string, string | undefined>;
  registry: CliSocketRegistry;
};

/** Finds the CLI (once, again when settings change), picks the transport per settings and version, and launches. */
export class DiscoveringCliLauncher implements CliLauncher {
  private discovered: Promise<DiscoverResult> | null = null;
  /** `claude auth status` of the discovered binary; asked once, again on a re-check. */
  private auth: { path: string; answer: Promise<CliAuth> } | null = null;
  private discoveredFor: string | null = null;
  private sdkUrlBase: (() => string) | null = null;
  private transports: Promise<typeof Transports> | null = null;

  constructor(private readonly deps: LauncherDeps) {}

  /**
   * Where `--sdk-url` CLIs dial back (the loopback CLI listener's ws://127.0.0.1:port), asked at each `--sdk-url`
   * launch (the server opens that listener at the first one).
   */
  setSdkUrlBase(base: () => string): void {
    this.sdkUrlBase = base;
  }

  /** The CLI binary to run, or null when none is found or it is too old (one-shot calls: titles, summaries, drafts). */
  async path(): Promise<string | null> {
    return this.runnable().then((found) => found.path, () => null);
  }

  /** The found CLI's version, or null when none is found. */
  async version(): Promise<string | null> {
    const found = await this.discover();
    return "error" in found ? null : found.version.raw;
  }

  /** What the first screen shows: the CLI found (or why not) and whether it is signed in. `recheck` looks again. */
  async info(options: { recheck?: boolean } = {}): Promise<CliInfo> {
    if (options.recheck) {
      this.discovered = null;
      this.auth = null;
    }
    const found = await this.discover();
    if ("error" in found) return { path: null, version: null, transport: null, error: found.error, notice: null, auth: null };
    // Not `auth status` on a CLI too old to have it: 1.0.x sends those words to the model as a prompt.
    const unsupported = unsupportedReason(found.version, found.path);
    if (unsupported) return { path: found.path, version: found.version.raw, transport: null, error: unsupported, notice: null, auth: null };
    if (this.auth?.path !== found.path) this.auth = { path: found.path, answer: readCliAuth(found.path, this.deps.env) };
    const auth = await this.auth.answer;
    return { path: found.path, version: found.version.raw, transport: this.transportFor(found.version), error: null, notice: untestedNotice(found.version), auth };
  }

  /** The CLI to run, or an error that says why there is none (not found, or too old to run). */
  async runnable(): Promise<{ path: string; version: CliVersion }> {
    const found = await this.discover();
    if ("error" in found) throw new NoRunnableCliError("cli_not_found", found.error);
    const unsupported = unsupportedReason(found.version, found.path);
    if (unsupported) throw new NoRunnableCliError("cli_unavailable", unsupported);
    return found;
  }

  async launch(request: LaunchRequest, listener: CliProcessListener): Promise<LaunchedCli> {
    const found = await this.runnable();
    const transport = this.transportFor(found.version);
    const { launchCli } = await this.loadTransports();
    const process = await launchCli(
      {
        binPath: found.path,
        transport,
        cwd: request.cwd,
        env: request.env,
        resumeSessionId: request.resumeSessionId,
        model: request.model,
        effort: request.effort ?? null,
        permissionMode: request.permissionMode,
        ...(request.extraArgs?.length ? { extraArgs: request.extraArgs } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(transport === "sdk-url" && this.sdkUrlBase ? { sdkUrl: { registry: this.deps.registry, baseUrl: this.sdkUrlBase() } } : {}),
      },
      listener,
    );
    const fallbackReason = process.fellBackFrom ? `--sdk-url was refused by Claude Code ${found.version.raw}; using stdio instead.` : null;
    return { process, transport: process.transport, cliVersion: found.version.raw, fallbackReason };
  }

  /**
   * The CLI's transports (spawning, framing, `--sdk-url`) are read at the first launch, or when the API loads soon
   * after the start: a start launches nothing, so their code stays out of what it parses (issue 16).
   */
  loadTransports(): Promise<typeof Transports> {
    return (this.transports ??= import("../../claude/launch.ts"));
  }

  /** The setting and the CLI's version decide (HTTPS does not matter: CLIs dial a plain loopback listener). */
  private transportFor(version: CliVersion): Transport {
    return pickTransport(this.deps.settings().transport, version);
  }

  private discover(): Promise<DiscoverResult> {
    const fromSetting = this.deps.settings().claudeBin;
    const explicitPath = fromSetting ?? this.deps.explicitBin;
    // The error names where the path came from: a path saved in Settings is not the --claude-bin flag.
    const options = { explicitPath, explicitSource: fromSetting ? "the Claude Code binary setting" : "--claude-bin", env: this.deps.env };
    const key = explicitPath ?? "";
    if (!this.discovered || this.discoveredFor !== key) {
      this.discoveredFor = key;
      const attempt = discoverCli(options);
      this.discovered = attempt;
      // A CLI installed after a failed look-up is found on the next launch, without restarting ChatML.
      void attempt.then((result) => {
        if ("error" in result && this.discovered === attempt) this.discovered = null;
      });
    }
    return this.discovered ?? discoverCli(options);
  }
}
