// The core loads a few libraries only when a run needs them (`require`, which esbuild bundles in
// both builds); in the browser type-check, with no Node types, this is its only Node name.
declare function require(id: string): unknown;
