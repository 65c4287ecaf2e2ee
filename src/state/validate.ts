import { MsezError, type JsonValue } from '../core/index.js';
import { validateAgainst } from '../schema/index.js';

/**
 * Validates a write input against `schemas/<name>.schema.json` before anything touches the database.
 * @throws SCHEMA_INVALID with `details.fields` listing every issue (`{pointer, message, keyword}`).
 */
export function assertInput<T>(name: string, value: unknown): T {
  const issues = validateAgainst(name, value as JsonValue);
  if (issues.length > 0) {
    const first = issues[0];
    throw new MsezError('SCHEMA_INVALID', `${name}: ${first?.pointer === '' ? '(root)' : first?.pointer} ${first?.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`, {
      schema: name,
      fields: issues.map((i) => ({ ...i })),
    });
  }
  return value as T;
}
