/** The variables through which Claude Code (and Bun, which runs the permission hook) pick up an HTTP proxy. */
const PROXY_VARS = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];
const LOOPBACK = ["127.0.0.1", "localhost", "::1"];

/**
 * A CLI reaches ChatML on this machine's loopback: `--sdk-url`, the built-in MCP server, the permission hook. With a
 * proxy in its environment and loopback not in `NO_PROXY`, it sends those requests to the proxy, which cannot reach
 * this machine's loopback: with both pinned CLIs the built-in MCP server then fails to connect. So when a proxy is set,
 * loopback joins `NO_PROXY` (both spellings, keeping what the user listed); everything else still goes through it.
 */
export function bypassProxyForLoopback<Env extends Record<string, string | undefined>>(env: Env): Env {
  if (!PROXY_VARS.some((name) => env[name])) return env;
  const listed = [...new Set([env.NO_PROXY, env.no_proxy].flatMap((value) => (value ?? "").split(",")).map((entry) => entry.trim()).filter(Boolean))];
  if (listed.includes("*")) return env;
  const value = [...listed, ...LOOPBACK.filter((host) => !listed.includes(host))].join(",");
  return { ...env, NO_PROXY: value, no_proxy: value };
}
