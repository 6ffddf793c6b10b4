import { AppError } from "../shared/protocol/errors.ts";
import type { CliSocketRegistry } from "./claude/cli-socket-registry.ts";
import { listenForCliSockets, type CliSocketListener, type LoopbackHttpHandler } from "./ws/cli-socket-listener.ts";

/** The CLI listener of {@link cliSocketsOnFirstUse}: the same calls, and whether it has opened. */
export type LazyCliSocketListener = CliSocketListener & { isListening(): boolean };

/**
 * The loopback listener CLIs dial back to (`--sdk-url`) and the hooks and the built-in MCP server answer on, opened
 * the first time its address is asked: an `--sdk-url` launch, a launch's MCP configuration, the interactive room's
 * hook settings. A start launches no CLI (restart recovery settles dead turns from the database, ADR 0177), so it
 * opens only the app's listener: a second `Bun.serve` cost a start 0.5–3.5 ms of CPU (issue 16). Handlers added
 * before it opens serve from its first request; once stopped it does not open again.
 * @example const cliSockets = cliSocketsOnFirstUse(registry); launcher.setSdkUrlBase(() => cliSockets.baseUrl);
 */
export function cliSocketsOnFirstUse(registry: CliSocketRegistry, listen: (registry: CliSocketRegistry) => CliSocketListener = listenForCliSockets): LazyCliSocketListener {
  const handlers: LoopbackHttpHandler[] = [];
  let listener: CliSocketListener | null = null;
  let isStopped = false;
  const opened = (): CliSocketListener => {
    if (isStopped) throw new AppError("server_stopping", "ChatML is stopping; it starts no Claude Code CLI.");
    if (!listener) {
      listener = listen(registry);
      for (const handler of handlers) listener.addHttpHandler(handler);
    }
    return listener;
  };
  return {
    get baseUrl() {
      return opened().baseUrl;
    },
    get httpBase() {
      return opened().httpBase;
    },
    addHttpHandler: (handler) => {
      handlers.push(handler);
      listener?.addHttpHandler(handler);
    },
    isListening: () => listener !== null,
    stop: () => {
      isStopped = true;
      listener?.stop();
    },
  };
}
