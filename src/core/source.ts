/** Where a value came from, for `file:line:col` messages. Lines and columns are 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

/** A parsed document: the value plus the source position of every node, keyed by JSON pointer. */
export interface ParsedSource<T = unknown> {
  readonly value: T;
  readonly file: string;
  /** Position of the node at `pointer`, or of its nearest ancestor that has one. */
  locate(pointer: string): SourcePosition;
}

export function makeLocator(positions: Map<string, SourcePosition>): (pointer: string) => SourcePosition {
  return (pointer) => {
    let p = pointer;
    for (;;) {
      const hit = positions.get(p);
      if (hit !== undefined) return hit;
      if (p === '') return { line: 1, col: 1 };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };
}

export function formatPosition(file: string, pos: SourcePosition): string {
  return `${file}:${pos.line}:${pos.col}`;
}
