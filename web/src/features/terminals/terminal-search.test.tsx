// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { SearchAddon } from "@xterm/addon-search";
import { Terminal } from "@xterm/xterm";
import { useRef } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { TerminalId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useSearchOpen } from "./terminal-flags.ts";
import { searchResultText, TerminalSearchRow } from "./terminal-search.tsx";

isolateDomTests();

describe("searchResultText", () => {
  it("says the chosen match among how many, counting from one", () => {
    expect(searchResultText({ index: 0, count: 60 })).toBe("1 of 60");
    expect(searchResultText({ index: 59, count: 60 })).toBe("60 of 60");
  });

  it("says no match, and a count the addon stopped numbering as a floor", () => {
    expect(searchResultText({ index: -1, count: 0 })).toBe("No match");
    expect(searchResultText({ index: -1, count: 1000 })).toBe("1000+ matches");
  });
});

describe("the search row closed and opened again", () => {
  const made: Terminal[] = [];
  afterEach(() => made.splice(0).forEach((term) => term.dispose()));

  /** A real xterm (drawn into jsdom, which paints nothing) holding `text`, with its search addon. */
  async function terminalWith(text: string): Promise<{ term: Terminal; search: SearchAddon }> {
    const term = new Terminal({ cols: 40, rows: 10, allowProposedApi: true });
    const search = new SearchAddon();
    term.loadAddon(search);
    const host = document.createElement("div");
    document.body.append(host);
    term.open(host);
    made.push(term);
    await new Promise<void>((done) => term.write(text, done));
    return { term, search };
  }

  /** The row as the terminal shows it: open while the terminal's flag is on; closing takes the marks off, as it does. */
  function Row({ id, term, search }: { id: TerminalId; term: Terminal; search: SearchAddon }) {
    const termRef = useRef(term);
    const searchRef = useRef(search);
    const [isOpen, setOpen] = useSearchOpen(id);
    const close = () => {
      search.clearDecorations();
      setOpen(false);
    };
    return isOpen ? <TerminalSearchRow terminalId={id} termRef={termRef} searchRef={searchRef} onClose={close} /> : null;
  }

  const box = () => screen.getByRole("textbox", { name: "Search the terminal" }) as HTMLInputElement;
  const said = () => screen.getByRole("status").textContent;

  it("keeps the word and its count for the terminal, the word selected so typing replaces it, and Enter finds again", async () => {
    const id = "trm_kept00001" as TerminalId;
    const { term, search } = await terminalWith("a needle\r\nb needle\r\nc needle\r\n");
    render(<Row id={id} term={term} search={search} />);
    act(() => useSearchOpen.set(id, true));
    fireEvent.change(box(), { target: { value: "needle" } });
    fireEvent.submit(box());
    fireEvent.submit(box());
    expect(said()).toBe("2 of 3");

    fireEvent.keyDown(box(), { key: "Escape" });
    expect(screen.queryByRole("search")).toBeNull();
    act(() => useSearchOpen.set(id, true));
    // Before, the row came back empty: the word typed again, and the count gone with it.
    expect(box().value).toBe("needle");
    expect(said()).toBe("2 of 3");
    expect(document.activeElement).toBe(box());
    expect([box().selectionStart, box().selectionEnd]).toEqual([0, "needle".length]);
    fireEvent.submit(box());
    expect(said()).toMatch(/^\d of 3$/);
  });

  it("keeps each terminal's own word: another terminal's row opens empty", async () => {
    const first = "trm_kept00002" as TerminalId;
    const other = "trm_kept00003" as TerminalId;
    const { term, search } = await terminalWith("only here\r\n");
    const { unmount } = render(<Row id={first} term={term} search={search} />);
    act(() => useSearchOpen.set(first, true));
    fireEvent.change(box(), { target: { value: "here" } });
    fireEvent.submit(box());
    expect(said()).toBe("1 of 1");
    unmount();
    render(<Row id={other} term={term} search={search} />);
    act(() => useSearchOpen.set(other, true));
    expect(box().value).toBe("");
    expect(screen.queryByRole("status")).toBeNull();
  });
});
