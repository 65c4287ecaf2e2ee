/**
 * Compact JSON for response bodies (display only, never hashed). Unlike JSON.stringify it writes bigints
 * as exact decimal integers, which the msez value model holds past 2^53; `undefined` members are left out.
 */
export function toJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString(10);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v)).join(',')}]`;
      if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('hex'));
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(k)}:${toJsonText(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return 'null';
  }
}
