// Prints one closing line for CI ("tests: N passed, N failed, N skipped") from Vitest JSON reports.
import { readFileSync } from "node:fs";

type Report = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const path of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(path, "utf8")) as Report;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
