/**
 * What the server and the VS Code client share: URIs (uri.ts), our own requests and their
 * shapes (totals.ts), and the wording of counts. The client imports from the server's tree only
 * through this module.
 */
export * from './programmes';
export * from './review';
export * from './totals';
export * from './trust';
export * from './uri';
// The one plural helper (the core's; it imports nothing), so the client words counts as the CLI does.
export { plural } from '../core/words';
export * from './value';
export * from './investor';
