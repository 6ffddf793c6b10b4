import { configure } from "@testing-library/react";

// findBy… and waitFor wait for what happens "soon" (an answer from a stubbed fetch, a re-render): on a loaded 2-core
// CI machine soon can exceed Testing Library's default second, as `expect.poll`'s does (see vitest.config.ts). Never
// a time bound on the code under test.
configure({ asyncUtilTimeout: 15_000 });
