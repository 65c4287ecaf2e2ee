/**
 * Pretty JSON for command output (display only, never hashed). Unlike JSON.stringify it writes bigints
 * as exact decimal numbers, which is what the value model holds past 2^53.
 */
export function toOutputJson(value: unknown, indent = 2): string {
  return write(value, '', ' '.repeat(indent));
}

function write(v: unknown, pad: string, step: string): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString(10);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('hex'));
      if (v instanceof Error) return write({ name: v.name, message: v.message }, pad, step);
      const inner = pad + step;
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        return `[\n${v.map((x) => inner + write(x, inner, step)).join(',\n')}\n${pad}]`;
      }
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner, step)}`).join(',\n')}\n${pad}}`;
    }
    default:
      return 'null';
  }
}
