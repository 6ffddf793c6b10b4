import { fixturesConfig } from "../fixtures-config.ts";

/** Runs the files here with the e2e suite's temp-dirs setup file, for temp-dirs.e2e.test.ts (one worker: in order). */
export default fixturesConfig(new URL(".", import.meta.url).pathname, "../temp-dirs.ts");
