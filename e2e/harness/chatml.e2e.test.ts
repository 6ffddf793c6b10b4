import { createServer, type Server } from "node:net";
import { afterEach, expect, it } from "vitest";
import { startChatml, type ChatmlServer } from "./chatml.ts";
import { cliBinPath } from "./cli-bins.ts";
import { cliEnv, freePort, tempDir } from "./env.ts";

const started: ChatmlServer[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
  for (const blocker of blockers.splice(0)) blocker.close();
});

/** Something else listening on a port: what a picked port can meet by the time chatml binds it. */
async function busyPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  return (blocker.address() as { port: number }).port;
}

const options = () => ({ dataDir: tempDir("chatml-harness-port"), claudeBin: cliBinPath("2.1.330"), env: cliEnv({ apiUrl: "http://127.0.0.1:9", home: tempDir("chatml-harness-home") }) });

it("starts on another port when the one it picked was taken before chatml bound it", async () => {
  const taken = await busyPort();
  const picked: number[] = [];
  const server = await startChatml(options(), async () => {
    const port = picked.length === 0 ? taken : await freePort();
    picked.push(port);
    return port;
  });
  started.push(server);
  expect(picked).toHaveLength(2);
  expect(server.port).toBe(picked[1]);
  expect((await fetch(`${server.origin}/api/sessions`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(200);
});

it("fails, naming the port, when the port a test asked for is busy", async () => {
  const taken = await busyPort();
  await expect(startChatml({ ...options(), port: taken })).rejects.toThrow(`Port ${taken} is busy`);
});
