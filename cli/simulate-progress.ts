import { assertNever } from '../src/core/index.js';
import type { SimulationEvent } from '../src/store/index.js';

/**
 * Progress of `msez corridor simulate` on stderr (spec/corridors.md §12). The redrawn bar (carriage returns)
 * is used only on a terminal without NO_COLOR or TERM=dumb; otherwise one plain line per checkpoint, fork and
 * the netting step, with no control characters; nothing under --json.
 */
export type ProgressMode = 'bar' | 'lines' | 'silent';

export function progressMode(o: { json: boolean; isTTY: boolean; env: Readonly<Record<string, string | undefined>> }): ProgressMode {
  if (o.json) return 'silent';
  const plain = (o.env.NO_COLOR !== undefined && o.env.NO_COLOR !== '') || o.env.TERM === 'dumb';
  return o.isTTY && !plain ? 'bar' : 'lines';
}

export function progressReporter(mode: ProgressMode, total: number, write: (text: string) => void): (e: SimulationEvent) => void {
  let done = 0;
  const width = 30;
  return (e) => {
    if (e.kind === 'receipt') done = e.sequence + 1;
    switch (mode) {
      case 'silent':
        return;
      case 'bar': {
        const filled = Math.round((done / total) * width);
        write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} receipts${e.kind === 'netting' ? ', netting done\n' : ''}`);
        return;
      }
      case 'lines':
        if (e.kind !== 'receipt') write(`${line(e)}\n`);
        return;
      default:
        assertNever(mode, 'progress mode');
    }
  };
}

function line(e: Exclude<SimulationEvent, { kind: 'receipt' }>): string {
  switch (e.kind) {
    case 'checkpoint':
      return `checkpoint at ${e.receipt_count}`;
    case 'fork':
      return `fork at ${e.sequence} detected and resolved`;
    case 'netting':
      return 'netting';
    default:
      return assertNever(e, 'simulation event');
  }
}
