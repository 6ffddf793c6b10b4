import { AppError } from "../../../shared/protocol/errors.ts";
import { messageOf } from "../../../shared/error-message.ts";

/**
 * The token of the signed-in GitHub CLI (`gh auth token --hostname <host>`). Throws a clear `bad_request` when `gh`
 * is missing or not signed in. The token is read from stdout only; stderr goes into the message (it never has it).
 */
export async function readGhToken(ghBin: string, host: string): Promise<string> {
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn([ghBin, "auth", "token", "--hostname", host], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  } catch (error) {
    throw new AppError("bad_request", `The GitHub CLI (gh) is not installed or cannot run: ${messageOf(error)}`);
  }
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout as ReadableStream).text(), new Response(proc.stderr as ReadableStream).text(), proc.exited]);
  const token = stdout.trim();
  if (code !== 0 || !token) {
    throw new AppError("bad_request", `The GitHub CLI is not signed in to ${host} (run \`gh auth login\`): ${stderr.trim().slice(0, 200) || `exit ${code}`}`);
  }
  return token;
}
