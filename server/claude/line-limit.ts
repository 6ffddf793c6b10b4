/**
 * Default longest CLI line we keep, in bytes (or UTF-16 code units for text pushed as strings). A file of its own so
 * the CLI socket listener, which a start opens, sizes its frames without reading the framer (issue 16).
 */
export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024 * 1024;
