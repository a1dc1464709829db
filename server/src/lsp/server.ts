/** The language server's entry point (stdio or IPC). Wiring only: features live beside it. */
// Placeholder until the editor issue: the bundle must exist for packaging.
export {};
