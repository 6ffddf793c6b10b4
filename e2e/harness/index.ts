/** Test helpers for the end-to-end suite: real CLIs, the fake API, the ChatML server and a browser. */
export { cliBinPath, cliCacheDir, installedCliVersions, PINNED_CLI_VERSIONS } from "./cli-bins.ts";
export { cliEnv, freePort, markClaudeSetUp, tempDir } from "./env.ts";
export type { CliEnvOptions } from "./env.ts";
export { loginLink, REPO_ROOT, SIGN_IN_LINK, startChatml } from "./chatml.ts";
export type { ChatmlServer, StartChatmlOptions } from "./chatml.ts";
export { CHROMIUM_PATH, launchBrowser } from "./browser.ts";
export { allowAll, spawnCli, STREAM_JSON_ARGS } from "./cli-process.ts";
export type { CliMessage, CliProcess, PermissionAnswerer, PermissionRequest, SpawnCliOptions } from "./cli-process.ts";
export { readLines, waitUntil } from "./lines.ts";
export { Transcript } from "./transcript.ts";
export type { TranscriptEntry } from "./transcript.ts";
export { startFakeApi } from "../fake-api/server.ts";
export { requestText } from "../fake-api/request-text.ts";
export type { FakeApi, FakeApiOptions } from "../fake-api/server.ts";
export type { RecordedRequest } from "../fake-api/types.ts";
export { runCliTurns, TRANSCRIPTS_DIR } from "./cli-turns.ts";
export type { CliTurnsOptions, CliTurnsRun } from "./cli-turns.ts";
export { startServerAndBrowser, startServerWithBrowserIf, startStack, stopStack, type Stack } from "./stack.ts";
