/** The checkpoints feature's public surface. */
export { CheckpointList } from "./checkpoint-list.tsx";
