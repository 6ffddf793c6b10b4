/**
 * The docs MCP server, slow to start as servers that fetch or compile first are (`npx` ones): it answers nothing for
 * three seconds, so a CLI is ready while this server is still connecting.
 */
await Bun.sleep(3000);
await import("./stdio-mcp-server.ts");
