// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ConflictChoices } from "./conflict-choices.tsx";

isolateDomTests();

const TEXT = "one\n<<<<<<< HEAD\nsession side\n=======\nshared\n>>>>>>> refs/heads/main\ntwo\n<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> refs/heads/main\n";

/** The bar over a text it edits, as the editor holds it. */
function Edited() {
  const [text, setText] = useState(TEXT);
  return (
    <>
      <ConflictChoices text={text} onResolve={setText} />
      <pre data-testid="text">{text}</pre>
    </>
  );
}

it("resolves a file's conflicts one at a time with buttons named after git's labels, then goes away", () => {
  render(<Edited />);
  expect(screen.getByRole("group", { name: "Resolve the conflict at line 2" }).textContent).toContain("2 conflicts left");
  fireEvent.click(screen.getByRole("button", { name: "Keep refs/heads/main (after =======) in the conflict at line 2" }));
  expect(screen.getByTestId("text").textContent).toBe("one\nshared\ntwo\n<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> refs/heads/main\n");
  fireEvent.click(screen.getByRole("button", { name: "Keep both sides in the conflict at line 4" }));
  expect(screen.getByTestId("text").textContent).toBe("one\nshared\ntwo\nA\nB\n");
  expect(screen.queryByRole("group")).toBeNull();
});
