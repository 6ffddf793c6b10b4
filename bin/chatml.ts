#!/usr/bin/env bun
// Deliberately plain JavaScript with no static imports: when someone runs this file with Node, it must still parse
// and run far enough to explain that ChatML needs Bun (bun:sqlite, Bun.serve and Bun.spawn are Bun-only).
if (typeof Bun === "undefined") {
  console.error(
    [
      "ChatML needs the Bun runtime (https://bun.sh); it cannot run under Node.js.",
      "Install Bun with one of:",
      "  npm install -g bun",
      "  curl -fsSL https://bun.sh/install | bash",
      "then start ChatML with:  bunx chatml",
    ].join("\n"),
  );
  process.exit(1);
}
// The prebuilt bundle (dist/server, `bun run build`) when it is there and not older than the sources; see bin/bundle.ts.
import("./bundle.ts")
  .then(({ chooseEntry }) => {
    const entry = chooseEntry(`${__dirname}/..`, process.env);
    if (entry.note) console.error(`chatml: ${entry.note}`);
    return import(entry.path);
  })
  .then(
    (cli) => cli.run(process.argv.slice(2)),
    (error) => {
      console.error("ChatML failed to start:", error);
      process.exit(1);
    },
  );
