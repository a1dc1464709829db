/**
 * Text from a file (its content or its name) as it may appear inside one line of our plain output:
 * the stylish report, the totals table, messages on stderr. A CI runner obeys a log line that
 * starts `::error`, `::add-mask::` or `::stop-commands::`, and a terminal obeys escape sequences,
 * so a line break, an escape or any other control character a file holds is shown as its escape
 * (`\n`, `\r`, `\x1b`, `\u2028`...), never passed through: no line of ours can start with text a
 * file chose. Tabs stay (they start no line). Imports nothing.
 */

/** C0 and C1 controls but tab, DEL, the Unicode line and paragraph separators, and bidirectional overrides. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
