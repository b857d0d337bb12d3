export * from "./enums";
export * from "./organisations";
export * from "./auth";
export * from "./audit";
export * from "./outbox";
export * from "./ledger";
export * from "./notifications";
export * from "./training";
