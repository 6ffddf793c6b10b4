import { existsSync } from "node:fs";

/**
 * The docs MCP server, slow to start as servers that fetch or compile first are (`npx` ones): it answers nothing while
 * the file `SLOW_MCP_HOLD` names exists, so a CLI is ready while this server is still connecting, for as long as the
 * test needs to see that (it removes the file then) and no longer.
 */
const hold = process.env["SLOW_MCP_HOLD"];
const parent = process.ppid;
while (hold && existsSync(hold)) {
  // Held when its CLI went (a failed test): nothing would release it.
  if (process.ppid !== parent) process.exit(0);
  await Bun.sleep(50);
}
await import("./stdio-mcp-server.ts");
