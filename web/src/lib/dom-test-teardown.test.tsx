// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { useEffect, useState } from "react";
import { expect, it } from "vitest";

/** Updates itself a moment after it mounts, and never cancels that: an update due right when the file ends. */
function UpdatesLate() {
  const [isLate, setIsLate] = useState(false);
  useEffect(() => {
    setTimeout(() => setIsLate(true), 12);
  }, []);
  return <p>{isLate ? "late" : "early"}</p>;
}

// What this guards is what happens after the test: the file's DOM environment goes ~10 ms after its last test, and
// without scripts/drain-react-before-teardown.ts React's work for that update ran after it, failing the whole run
// with "window is not defined" though every test passed.
it("a DOM test file may end while a component still has an update coming", () => {
  const { container } = render(<UpdatesLate />);
  expect(container.textContent).toBe("early");
});
