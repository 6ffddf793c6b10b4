// findBy… and waitFor wait for what happens "soon" (an answer from a stubbed fetch, a re-render): on a loaded 2-core
// CI machine soon can exceed Testing Library's default second, as `expect.poll`'s does (see vitest.config.ts). Never
// a time bound on the code under test.
// Only in DOM test files: a web test file without a DOM (43 of 160) never uses Testing Library, and importing it
// there (react-dom, the DOM library) cost each of them its evaluation in the file's fresh vm context.
if (typeof window !== "undefined") {
  const { configure } = await import("@testing-library/react");
  configure({ asyncUtilTimeout: 15_000 });
}
