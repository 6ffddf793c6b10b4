import { z } from "zod";
import { lazySchema } from "../../shared/lazy-schema.ts";
import { runCliCommand } from "./discover.ts";

/** How the CLI would authenticate, from `claude auth status` (JSON on every pinned version). */
export type CliAuth =
  | { isSignedIn: boolean; method: string; provider: string; source: string | null }
  | { isSignedIn: null; error: string };

const AuthStatus = lazySchema(() =>
  z.looseObject({
    loggedIn: z.boolean(),
    authMethod: z.string().optional(),
    apiProvider: z.string().optional(),
    apiKeySource: z.string().nullish(),
  }),
);

/** How long the server waits for `claude auth status`: a start of the CLI, ~1 s alone, many on a loaded machine. */
const AUTH_STATUS_TIMEOUT_MS = 15_000;

/**
 * Asks the CLI whether it is signed in (subscription login, API key, Bedrock/Vertex…) with the server's environment;
 * gives up after `timeoutMs` (a test on a machine loaded by other tests gives it longer).
 */
export async function readCliAuth(
  binPath: string,
  env: Record<string, string | undefined>,
  timeoutMs: number = AUTH_STATUS_TIMEOUT_MS,
): Promise<CliAuth> {
  const output = await runCliCommand(binPath, ["auth", "status"], env, timeoutMs);
  if ("error" in output) return { isSignedIn: null, error: `claude auth status failed: ${output.error}` };
  // Signed out is exit 1 with the same JSON; only output we cannot read is an error.
  if (output.code !== 0 && !output.stdout.trim().startsWith("{")) {
    return { isSignedIn: null, error: `claude auth status exited ${output.code}: ${(output.stderr || output.stdout).trim().slice(0, 200)}` };
  }
  return parseCliAuth(output.stdout);
}

/** Parses `claude auth status` output; anything else is reported, never guessed. */
export function parseCliAuth(stdout: string): CliAuth {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { isSignedIn: null, error: `claude auth status printed something unexpected: ${stdout.trim().slice(0, 120)}` };
  }
  const parsed = AuthStatus.safeParse(json);
  if (!parsed.success) return { isSignedIn: null, error: "claude auth status answered in an unknown shape" };
  const { loggedIn, authMethod, apiProvider, apiKeySource } = parsed.data;
  return { isSignedIn: loggedIn, method: authMethod ?? "unknown", provider: apiProvider ?? "firstParty", source: apiKeySource ?? null };
}
