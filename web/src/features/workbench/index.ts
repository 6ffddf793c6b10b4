/** The workbench feature's public entry: the session workbench, loaded as its own chunk. */
export { LazySessionWorkbench as SessionWorkbench, preloadWorkbench } from "./lazy-session-workbench.tsx";
