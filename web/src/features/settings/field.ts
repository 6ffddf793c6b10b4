/** A finger-sized select or text field (44 px tall), as every setting on the Settings screen draws it. */
export const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** The small label above a field. */
export const LABEL = "block text-sm font-medium text-stone-800 dark:text-stone-200";

/** The line under a field that says what it does. */
export const HINT = "block text-xs text-stone-500 dark:text-stone-400";
