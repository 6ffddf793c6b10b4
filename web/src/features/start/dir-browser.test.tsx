// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { DirBrowser } from "./dir-browser.tsx";

isolateDomTests();

it("says how many folders it does not list, and how to reach one of them", () => {
  const entries = [{ name: "alpha", path: "/home/me/alpha", isGitRepo: true }];
  const { rerender } = render(<DirBrowser listing={{ path: "/home/me", parent: "/home", entries, omitted: 2500 }} error={null} isLoading={false} onOpen={() => {}} />);
  expect(screen.getByText("2,500 more folders not listed here: type the path to go on.")).toBeTruthy();
  rerender(<DirBrowser listing={{ path: "/home/me", parent: "/home", entries, omitted: 0 }} error={null} isLoading={false} onOpen={() => {}} />);
  expect(screen.queryByText(/not listed here/)).toBeNull();
});
