/**
 * The several-minute version of the load fault test (20 conversations × 5 browser sockets): runs
 * e2e/faults-load.e2e.test.ts for CHATML_LOAD_SECONDS (default 300). `bun bench/load-soak.ts`. Not in run-all.
 */
const seconds = process.env.CHATML_LOAD_SECONDS ?? "300";
const proc = Bun.spawn(["bun", "--bun", "vitest", "run", "--pool=threads", "--config", "e2e/vitest.e2e.config.ts", "e2e/faults-load.e2e.test.ts"], {
  cwd: `${import.meta.dirname}/..`,
  env: { ...process.env, CHATML_LOAD_SECONDS: seconds },
  stdout: "inherit",
  stderr: "inherit",
});
process.exit(await proc.exited);
