import { describe, expect, it } from "vitest";
import { clipboardKey, isFindKey } from "./clipboard-keys.ts";

const press = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) => ({
  type: "keydown",
  key,
  ctrlKey: mods.ctrl ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
  metaKey: mods.meta ?? false,
});

describe("clipboardKey", () => {
  it("pastes on Ctrl+V and Ctrl+Shift+V on Linux and Windows, where xterm would send ^V", () => {
    expect(clipboardKey(press("v", { ctrl: true }), false, false)).toBe("paste");
    expect(clipboardKey(press("V", { ctrl: true, shift: true }), false, false)).toBe("paste");
  });

  it("leaves Ctrl+V to the terminal on a Mac (Cmd+V is its paste, the browser's own)", () => {
    expect(clipboardKey(press("v", { ctrl: true }), false, true)).toBeNull();
    expect(clipboardKey(press("v", { meta: true }), false, true)).toBeNull();
  });

  it("copies on Ctrl+C only over a selection; otherwise Ctrl+C is ^C", () => {
    expect(clipboardKey(press("c", { ctrl: true }), true, false)).toBe("copy");
    expect(clipboardKey(press("c", { ctrl: true }), false, false)).toBeNull();
  });

  it("leaves other keys, Alt combinations and key releases alone", () => {
    expect(clipboardKey(press("v"), false, false)).toBeNull();
    expect(clipboardKey(press("v", { ctrl: true, alt: true }), false, false)).toBeNull();
    expect(clipboardKey({ ...press("v", { ctrl: true }), type: "keyup" }, false, false)).toBeNull();
    expect(clipboardKey(press("x", { ctrl: true }), true, false)).toBeNull();
  });
});

describe("isFindKey", () => {
  it("opens the search on Ctrl+Shift+F on Linux and Windows, and on Cmd+F on a Mac", () => {
    expect(isFindKey(press("F", { ctrl: true, shift: true }), false)).toBe(true);
    expect(isFindKey(press("f", { meta: true }), true)).toBe(true);
  });

  it("leaves plain Ctrl+F to the shell (readline's forward-char) and a TUI, on every system", () => {
    expect(isFindKey(press("f", { ctrl: true }), false)).toBe(false);
    expect(isFindKey(press("f", { ctrl: true }), true)).toBe(false);
    expect(isFindKey({ ...press("F", { ctrl: true, shift: true }), type: "keyup" }, false)).toBe(false);
  });
});
