import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// A room named as `**/core/<room>/**` is also forbidden by its relative path from a sibling room (`../<room>/…`).
const withSiblings = (group) => {
  const room = /^\*\*\/core\/([a-z-]+)\/\*\*$/.exec(group)?.[1];
  return room ? [group, `../${room}/*`, `../${room}/**`] : [group];
};

const layer = (from, forbidden, message) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  // Tests and test kits of a room may compose other rooms' kits; the room's own code may not.
  ...(from.startsWith("server/core/") ? { ignores: ["**/*.test.ts", "**/*-test-kit.ts"] } : {}),
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: forbidden.map((group) => ({ group: withSiblings(group), message, allowTypeImports: true })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".artifacts/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, Bun: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Layering: dependencies point one way (http/ws → core → adapters → lib); types may cross.
  layer("server/claude", ["**/core/**", "**/http/**", "**/ws/**", "**/persistence/**", "hono", "hono/*"], "adapters never import core, transports or other adapters"),
  layer("server/persistence", ["**/core/**", "**/http/**", "**/ws/**", "**/claude/**", "hono", "hono/*"], "persistence is an adapter: no core, transports or CLI code"),
  layer("server/git", ["**/core/**", "**/http/**", "**/ws/**", "**/persistence/**", "**/claude/**", "hono", "hono/*"], "git is an adapter: no core, transports or other adapters"),
  layer("server/terminal", ["**/core/**", "**/http/**", "**/ws/**", "**/persistence/**", "**/claude/**", "hono", "hono/*"], "the PTY adapter knows nothing above it"),
  layer("server/core", ["**/http/**", "**/ws/**", "hono", "hono/*"], "core never imports transports or Hono"),
  // Rooms: remote access knows nothing of conversations' or workspaces' internals (types may cross).
  layer("server/core/remote", ["**/core/conversations/**", "**/core/workspaces/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the remote room talks to other rooms through core's shared ports"),
  layer("server/scheduler", ["**/core/**", "**/http/**", "**/ws/**", "**/persistence/**", "**/claude/**", "hono", "hono/*"], "the scheduling core is pure: no I/O, no other layers"),
  // Jobs drive sessions and conversations only through the services the composition root hands them (types may cross).
  layer("server/core/jobs", ["**/core/conversations/**", "**/core/workspaces/**", "**/core/remote/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the jobs room uses other rooms through the services it is given"),
  // Power-tool rooms (skills, budgets, checkpoints) stand beside conversations and reach them only through ports.
  layer("server/core/budgets", ["**/core/conversations/**", "**/core/workspaces/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the budgets room talks to other rooms through core's shared ports"),
  layer("server/core/checkpoints", ["**/core/conversations/**", "**/core/workspaces/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the checkpoints room talks to other rooms through core's shared ports"),
  layer("server/core/message-queue", ["**/core/conversations/**", "**/core/workspaces/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the message-queue room talks to other rooms through the functions it is given"),
  layer("server/core/skills", ["**/core/conversations/**", "**/core/workspaces/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the skills room talks to other rooms through core's shared ports"),
  layer("server/core/mcp", ["**/core/conversations/**", "**/core/workspaces/**", "**/core/workbench/**", "**/core/remote/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the MCP room talks to other rooms through the functions it is given"),
  layer("server/core/settings", ["**/core/conversations/**", "**/core/workspaces/**", "**/core/remote/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the settings room is read by the others and imports none of them"),
  layer("server/integrations", ["**/core/**", "**/http/**", "**/ws/**", "**/persistence/**", "**/claude/**", "hono", "hono/*"], "integration adapters never import core, transports or other adapters"),
  // The integrations room reaches sessions and conversations only through its ports (types may cross).
  layer("server/core/integrations", ["**/core/conversations/**", "**/core/workspaces/**", "**/core/remote/**", "**/http/**", "**/ws/**", "hono", "hono/*"], "the integrations room talks to other rooms through its ports"),
  layer("shared", ["**/server/**", "**/web/**"], "shared/ is imported by server and web, never the other way"),
  layer("web/src", ["**/server/**"], "the web imports only types from the server"),
  // What two features share lives below them (lib, stores, components, protocol), which never reach back up into a feature.
  ...["lib", "stores", "components", "protocol"].map((below) => layer(`web/src/${below}`, ["**/server/**", "**/features/**"], "what features share lives below them and imports no feature; the web imports only types from the server")),
);
