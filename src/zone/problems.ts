import { MsezError, compareCodePoints, formatPosition, type ErrorCode } from '../core/index.js';
import type { PositionedIssue } from '../schema/index.js';

export type Severity = 'error' | 'warning';

/** Error codes, plus the one warning code for YAML 1.1-ambiguous plain scalars (design README D2). */
export type ProblemCode = ErrorCode | 'YAML11_AMBIGUOUS';

/** One validation finding, placed at the YAML/JSON node that caused it. `file` is workspace-relative. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly pointer: string;
  readonly code: ProblemCode;
  readonly message: string;
  readonly severity: Severity;
}

export function schemaProblems(issues: readonly PositionedIssue[]): Problem[] {
  return issues.map((i) => ({
    file: i.file,
    line: i.line,
    col: i.col,
    pointer: i.pointer,
    code: 'SCHEMA_INVALID',
    message: i.message,
    severity: 'error',
  }));
}

/** A reader error (YAML/JSON syntax, float, duplicate key…) as a problem, keeping its position. */
export function problemFromError(err: MsezError, file: string): Problem {
  const d = err.details as { line?: unknown; col?: unknown; pointer?: unknown };
  const line = typeof d.line === 'number' ? d.line : 1;
  const col = typeof d.col === 'number' ? d.col : 1;
  const prefix = /^\S+:\d+:\d+: /;
  return {
    file,
    line,
    col,
    pointer: typeof d.pointer === 'string' ? d.pointer : '',
    code: err.code,
    message: err.message.replace(prefix, ''),
    severity: 'error',
  };
}

/** Sorted by file, line, column, pointer, message (code point order), duplicates removed. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = [p.file, p.line, p.col, p.pointer, p.code, p.message, p.severity].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort(
    (a, b) =>
      compareCodePoints(a.file, b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      compareCodePoints(a.pointer, b.pointer) ||
      compareCodePoints(a.message, b.message),
  );
}

/** `file:line:col  /pointer  message` (warnings are marked). */
export function formatProblem(p: Problem): string {
  const where = formatPosition(p.file, p);
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${where}  ${p.pointer === '' ? '/' : p.pointer}  ${tag}${p.message} [${p.code}]`;
}
