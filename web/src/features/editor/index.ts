/** The editor feature's public entry: a file in CodeMirror (a lazy chunk) with auto-save and conflict handling. */
export { FileEditor } from "./file-editor.tsx";
