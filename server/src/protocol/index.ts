/**
 * What the server and the VS Code client share: URIs (uri.ts) and our own requests and their
 * shapes (totals.ts). The client imports from the server's tree only through this module.
 */
export * from './totals';
export * from './uri';
