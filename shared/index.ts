export * from "./ids.ts";
export * from "./protocol/version.ts";
export * from "./protocol/errors.ts";
export * from "./protocol/model.ts";
export * from "./protocol/events.ts";
export * from "./protocol/frames.ts";
export * from "./api/inputs.ts";
export * from "./api/history.ts";
