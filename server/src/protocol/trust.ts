/**
 * Workspace trust (VS Code's): `initializationOptions.workspaceTrusted: false` until the folder is
 * trusted; then this notification, client → server, with no params. Until then no config file in
 * the workspace changes a rule and git is not asked for HEAD (it reads the repository's own
 * configuration). Clients with no notion of trust send neither and are trusted.
 */
export const didGrantWorkspaceTrustNotification = 'outcomes/didGrantWorkspaceTrust';
