import { fixturesConfig } from "../fixtures-config.ts";

/** Runs the files here with the e2e suite's failure-artifacts setup file, for failure-artifacts.e2e.test.ts. */
// As the e2e suite's: a failed test's pages are captured in its aroundEach's teardown, under the hook timeout.
export default fixturesConfig(new URL(".", import.meta.url).pathname, "../failure-artifacts.ts", { hookTimeout: 60_000 });
