import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listenOnFreePort, type ServeHandlers } from "./listen.ts";

const LISTEN = new URL("./listen.ts", import.meta.url).pathname;

/**
 * Another process holds a port the way a running ChatML does (through listenOnFreePort), and prints it. A port held
 * within this process would be refused anyway; only another process shows whether the socket was shared.
 */
const HOLDER = `
const { listenOnFreePort } = await import(process.env.LISTEN);
const { port } = await listenOnFreePort({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1" },
  () => ({ fetch: () => new Response("the other ChatML"), websocket: { message() {} } }));
console.log(port);
`;

const handlers = (): ServeHandlers<unknown> => ({ fetch: () => new Response("this ChatML"), websocket: { message() {} } });

async function withPortHeldElsewhere(use: (port: number) => Promise<void>): Promise<void> {
  const holder = Bun.spawn([process.execPath, "-e", HOLDER], { env: { ...process.env, LISTEN }, stdout: "pipe", stderr: "pipe" });
  try {
    const reader = holder.stdout.getReader();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the holder printed no port: ${await new Response(holder.stderr).text()}`);
      text += new TextDecoder().decode(value);
    }
    await use(Number(text.trim()));
  } finally {
    holder.kill();
    await holder.exited;
  }
}

describe("listenOnFreePort when another ChatML holds the port", () => {
  it("refuses a port named with --port instead of sharing it (the kernel would split requests between the two)", async () => {
    await withPortHeldElsewhere(async (port) => {
      await expect(listenOnFreePort({ port, isPortExplicit: true, maxPort: port, host: "127.0.0.1" }, handlers)).rejects.toThrow(
        `Port ${port} is busy on 127.0.0.1. Free it or pass --port with another one.`,
      );
    });
  });

  it("moves on to the next port when the default one is held", async () => {
    await withPortHeldElsewhere(async (port) => {
      const { server, port: chosen, movedFrom } = await listenOnFreePort({ port, isPortExplicit: false, maxPort: port + 20, host: "127.0.0.1" }, handlers);
      try {
        expect(chosen).toBeGreaterThan(port);
        expect(movedFrom).toBe(port);
        expect(await (await fetch(`http://127.0.0.1:${chosen}/`)).text()).toBe("this ChatML");
      } finally {
        await server.stop(true);
      }
    });
  });
});

describe("listenOnFreePort with --tls-cert / --tls-key that cannot be used", () => {
  it("names the flag of a file it cannot read, and says certificate and key do not make a pair when they are not PEM", async () => {
    const config = { port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1" };
    await expect(listenOnFreePort({ ...config, tls: { certPath: "/nonexistent/cert.pem", keyPath: "/nonexistent/key.pem" } }, handlers)).rejects.toThrow(
      "--tls-cert /nonexistent/cert.pem cannot be read",
    );
    const notPem = join(mkdtempSync(join(tmpdir(), "chatml-tls-")), "not.pem");
    writeFileSync(notPem, "not a certificate\n");
    await expect(listenOnFreePort({ ...config, tls: { certPath: notPem, keyPath: notPem } }, handlers)).rejects.toThrow(
      "The --tls-cert and --tls-key files are not a PEM certificate and its matching private key",
    );
    rmSync(join(notPem, ".."), { recursive: true, force: true });
  });
});
