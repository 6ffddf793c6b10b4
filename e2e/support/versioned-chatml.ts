/**
 * Runs ChatML exactly as `bin/chatml.ts` does, but as another build: CHATML_TEST_BUILD_VERSION and
 * CHATML_TEST_BUILD_WEB_ROOT name the version and the built app (see {@link newerBuild}). The update test starts it on
 * the old server's port and data dir, as a user who upgraded and restarted would.
 */
import { run } from "../../bin/run.ts";

const version = process.env.CHATML_TEST_BUILD_VERSION;
const webRoot = process.env.CHATML_TEST_BUILD_WEB_ROOT;
if (!version || !webRoot) throw new Error("versioned-chatml needs CHATML_TEST_BUILD_VERSION and CHATML_TEST_BUILD_WEB_ROOT");
await run(process.argv.slice(2), { version, webRoot });
