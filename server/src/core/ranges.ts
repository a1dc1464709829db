/** Source positions. Offsets are UTF-16 code units into the text, as JavaScript strings and LSP count them. */

export interface Span {
  start: number;
  end: number;
}

/** 0-based line and character, as LSP counts them. The CLI adds 1 to each. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Maps offsets to line/character positions with a binary search over line starts. */
export class LineIndex {
  private readonly lineStarts: number[];

  /**
   * The index of `text`, which is `previous`'s text with `delta` characters added (or removed) at
   * `at` and no line break among them: the line starts after `at` move, nothing else changes.
   */
  static afterEdit(previous: LineIndex, text: string, at: number, delta: number): LineIndex {
    const index = Object.create(LineIndex.prototype) as { text: string; lineStarts: number[] };
    index.text = text;
    index.lineStarts = previous.lineStarts.map((start) => (start > at ? start + delta : start));
    return index as unknown as LineIndex;
  }

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= o) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: o - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  /** Start offset of a 0-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** End offset of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    while (end > this.lineStarts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
