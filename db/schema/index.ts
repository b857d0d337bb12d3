export * from "./enums";
export * from "./organisations";
export * from "./auth";
export * from "./audit";
export * from "./outbox";
