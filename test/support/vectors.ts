import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { expect } from 'vitest';
import { isMsezError, type ErrorCode } from '../../src/core/index.js';

/** Root of the read-only golden vectors (../shared/vectors from the project root). */
export const VECTORS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'vectors');
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function vectorText(rel: string): string {
  return readFileSync(join(VECTORS, rel), 'utf8');
}

export function vectorJson<T = unknown>(rel: string): T {
  return JSON.parse(vectorText(rel)) as T;
}

/** Asserts that `fn` throws an MsezError with `code`; tests assert codes, never message text. */
export function expectMsezError(fn: () => unknown, code: ErrorCode): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected ${code}`).toBeDefined();
  if (!isMsezError(thrown)) throw thrown instanceof Error ? thrown : new Error(String(thrown));
  expect(thrown.code).toBe(code);
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
