import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readServerRecord } from "../server/lib/data-dir.ts";

/**
 * `chatml login-link`: asks the ChatML running on this data dir for a new one-time sign-in link. It proves it is the
 * owner with the token in the data dir (readable only by this user), so the token never appears in a URL or argv.
 */
export async function printLoginLink(dataDir: string, command: string): Promise<number> {
  const record = readServerRecord(dataDir);
  if (!record || !isAlive(record.pid)) {
    console.error(`chatml: ChatML is not running on ${dataDir}. Start it with \`${command}\` (it prints a sign-in link), with the same --data-dir if you gave one.`);
    return 1;
  }
  let token: string;
  try {
    token = readFileSync(join(dataDir, "token"), "utf8").trim();
  } catch (error) {
    console.error(`chatml: cannot read the token in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    const response = await fetch(`${record.url}/api/auth/sign-in-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      // Our own server on this machine, found through our own private data dir; a self-signed certificate is expected.
      tls: { rejectUnauthorized: false },
    } as RequestInit);
    const body = (await response.json()) as { url?: string; error?: { message: string } };
    if (!response.ok || !body.url) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    console.log(`Sign-in link (works once, for 5 minutes):\n\n  ${body.url}\n`);
    return 0;
  } catch (error) {
    console.error(`chatml: could not get a sign-in link from ${record.url}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
