import { readFileSync } from "node:fs";
import type { Server, WebSocketHandler } from "bun";
import { MAX_BODY_BYTES } from "./body-limits.ts";

export type ServeHandlers<Data> = {
  fetch: (request: Request, server: Server<Data>) => Response | Promise<Response | undefined> | undefined;
  websocket: WebSocketHandler<Data>;
};

/** PEM files for HTTPS (`--tls-cert`, `--tls-key`). */
export type TlsFiles = { certPath: string; keyPath: string };

type ListenConfig = { port: number; isPortExplicit: boolean; maxPort: number; host: string; tls?: TlsFiles | null };

/**
 * Listens on the configured port; when it is busy and the user did not name it, tries the next ones up to
 * `maxPort`. Handlers are built per port because the Host allowlist depends on it.
 */
export async function listenOnFreePort<Data>(
  config: ListenConfig,
  handlersFor: (port: number) => ServeHandlers<Data>,
): Promise<{ server: Server<Data>; port: number; movedFrom: number | null }> {
  const last = config.isPortExplicit || config.port === 0 ? config.port : Math.max(config.port, config.maxPort);
  let lastError: unknown = null;
  const tls = config.tls ? readTlsFiles(config.tls) : undefined;
  for (let port = config.port; port <= last; port++) {
    try {
      const handlers = handlersFor(port);
      const server = Bun.serve<Data>({
        port,
        hostname: config.host,
        fetch: handlers.fetch,
        websocket: handlers.websocket,
        idleTimeout: 120,
        tls,
        // Never Bun's development error page (source lines, paths, the request target), whatever NODE_ENV says.
        development: false,
        // Bun turns SO_REUSEPORT on when development is false: a second ChatML (another data dir) would then share
        // this port with the first, the kernel splitting requests between them, instead of seeing it busy.
        reusePort: false,
        error: (error) => {
          console.error("[http] unhandled error:", error);
          return new Response("Internal server error; it has been logged.\n", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
        },
        maxRequestBodySize: MAX_BODY_BYTES,
      });
      const actualPort = server.port ?? port;
      if (port === 0) {
        // An ephemeral port is only known after listening: rebuild the handlers for it.
        server.reload({ fetch: handlersFor(actualPort).fetch, websocket: handlersFor(actualPort).websocket });
      }
      return { server, port: actualPort, movedFrom: port === config.port ? null : config.port };
    } catch (error) {
      if (tls && !isAddressInUse(error)) throw new Error(`The --tls-cert and --tls-key files are not a PEM certificate and its matching private key (${String(error)}). Pass both PEM files, e.g. the two mkcert writes.`, { cause: error });
      if (!isAddressInUse(error)) throw error;
      lastError = error;
    }
  }
  const range = last === config.port ? `${config.port}` : `${config.port}-${last}`;
  throw new Error(`Port ${range} is busy on ${config.host}. Free it or pass --port with another one.`, { cause: lastError });
}

function isAddressInUse(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? "") + String(error);
  return /EADDRINUSE|in use/i.test(text);
}

/** Both PEM files, read now so that a wrong path is named with its flag instead of as a bare ENOENT. */
function readTlsFiles(files: TlsFiles): { cert: string; key: string } {
  const read = (flag: string, path: string) => {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      throw new Error(`${flag} ${path} cannot be read (${error instanceof Error ? error.message : String(error)}). Pass a PEM file this user can read.`, { cause: error });
    }
  };
  return { cert: read("--tls-cert", files.certPath), key: read("--tls-key", files.keyPath) };
}
