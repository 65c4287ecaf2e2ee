import { MsezError, formatPosition, type ParsedSource, type SourcePosition } from '../core/index.js';
import type { SchemaIssue } from './registry.js';

/** A schema issue placed in its source file (`file:line:col`). */
export interface PositionedIssue extends SchemaIssue {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/**
 * Places issues with `source.locate(pointer)`: the failing node, or its nearest ancestor with a position
 * (an additionalProperties issue already points at the offending key).
 */
export function positionIssues(issues: readonly SchemaIssue[], source: ParsedSource): PositionedIssue[] {
  const keyOf = (source as { locateKey?: (p: string) => SourcePosition | undefined }).locateKey;
  return issues.map((issue) => {
    const at = (issue.keyword === 'additionalProperties' ? keyOf?.(issue.pointer) : undefined) ?? source.locate(issue.pointer);
    return { ...issue, file: source.file, line: at.line, col: at.col };
  });
}

/** One line per issue: `file:line:col  /pointer  message`. */
export function formatIssue(issue: PositionedIssue): string {
  return `${formatPosition(issue.file, issue)}  ${issue.pointer === '' ? '/' : issue.pointer}  ${issue.message}`;
}

/** Throws SCHEMA_INVALID (exit 2) listing every issue in `details.fields` when there is any. */
export function assertNoIssues(issues: readonly SchemaIssue[], source: ParsedSource, what: string): void {
  if (issues.length === 0) return;
  const placed = positionIssues(issues, source);
  const first = placed[0] as PositionedIssue;
  throw new MsezError('SCHEMA_INVALID', `${what} is invalid: ${formatIssue(first)}${placed.length > 1 ? ` (+${placed.length - 1} more)` : ''}`, {
    file: source.file,
    line: first.line,
    col: first.col,
    pointer: first.pointer,
    fields: placed,
  });
}
