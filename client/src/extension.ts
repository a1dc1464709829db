/** The VS Code extension: starts the language server. */
export function activate(): void {}
export function deactivate(): void {}
