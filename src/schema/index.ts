/**
 * Schema registry (formats.md §6, design README D17).
 *
 * - `loadSchemaRegistry(root?)`: every `schemas/*.schema.json` shipped with msez plus `<root>/schemas/`
 *   (which may add schemas but never replace a built-in `$id`), compiled once per process with ajv
 *   (draft 2020-12) + ajv-formats and keyed by `$id`.
 * - `validateAgainst(idOrName, value, registry?)` → `SchemaIssue[]` (`{pointer, message, keyword}`); empty
 *   means valid. `idOrName` is a full `$id` or a built-in stem such as `'module'` or `'stack.lock'`.
 * - `positionIssues(issues, parsed)` → issues with `file/line/col` via `ParsedSource.locate`;
 *   `formatIssue` prints `file:line:col  /pointer  message`; `assertNoIssues` throws SCHEMA_INVALID.
 *
 * To add a schema: drop `schemas/<name>.schema.json` with `$id` `schemaId('<name>')`; it is picked up
 * automatically. Prefer `if/then/else` over `oneOf` for alternatives that a type or a field tells apart:
 * the errors then come from the one branch that applies.
 */
export { SCHEMA_ID_BASE, SchemaRegistry, builtinSchemaDir, loadSchemaRegistry, schemaId, validateAgainst } from './registry.js';
export type { SchemaIssue } from './registry.js';
export { assertNoIssues, formatIssue, positionIssues } from './positioned.js';
export type { PositionedIssue } from './positioned.js';
