// The symbols subsets of Noto Sans Symbols 2 and Noto Sans Symbols (bundled with the app: no network at run time).
// The Claude TUI draws ⏵⏵ / ⏸ in its status line, ⏺ before a tool call and ⎿ under it, which the usual monospace
// fonts (DejaVu Sans Mono, Liberation Mono, Menlo, Consolas) lack, so they showed as boxes. The first has ⏵ ⏸ ⏺,
// only the second has ⎿.
import "@fontsource/noto-sans-symbols-2/symbols-400.css";
import "@fontsource/noto-sans-symbols/symbols-400.css";

/**
 * The terminal's font: xterm's own default first, so letters keep their look; the symbol fonts last, so the browser
 * takes from them only the glyphs the monospace font lacks.
 */
export const TERMINAL_FONT_FAMILY = 'courier-new, courier, monospace, "Noto Sans Symbols 2", "Noto Sans Symbols"';
