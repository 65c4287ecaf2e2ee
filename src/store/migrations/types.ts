/**
 * One schema step. Versions are global and never reused: 1-99 core, 100-199 corridors, 200-299
 * compliance/primitives, 300-399 api. A shipped migration is never edited; add a new one instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
