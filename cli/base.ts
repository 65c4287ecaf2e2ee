import { Command, Flags, Errors } from '@oclif/core';
import { MsezError, type ErrorCode } from '../src/core/index.js';
import { colorFor } from './color.js';
import { toOutputJson } from './json-output.js';

export type ErrorEnvelope = { ok: false; error: { code: ErrorCode; message: string; details: Record<string, unknown> } };

/**
 * The one base command (style.md §3). Commands return their result; under `--json` it is printed as JSON.
 * `catch()` owns the error envelope and the D5 exit codes, which oclif 4 would otherwise lose on the
 * `--json` path (it reads `err.exitCode` while CLIError keeps its code in `err.oclif.exit`).
 */
export abstract class MsezCommand<T> extends Command {
  static override enableJsonFlag = true;
  static override baseFlags = {
    'no-color': Flags.boolean({ summary: 'Disable colour (also NO_COLOR, TERM=dumb, or no TTY).', helpGroup: 'GLOBAL' }),
  };

  protected get colorDisabled(): boolean {
    return this.argv.includes('--no-color');
  }

  /** Colour for stdout text; plain when disabled or not a TTY. */
  protected get out(): ReturnType<typeof colorFor> {
    return colorFor(process.stdout, this.colorDisabled);
  }

  protected get err(): ReturnType<typeof colorFor> {
    return colorFor(process.stderr, this.colorDisabled);
  }

  /** Writes human output to stdout, unless `--json` is on (then the returned result is printed). */
  protected print(text: string | Uint8Array): void {
    if (this.jsonEnabled()) return;
    process.stdout.write(text);
  }

  /** One diagnostic line to stderr (silent under `--json`). */
  protected note(text: string): void {
    if (this.jsonEnabled()) return;
    process.stderr.write(`${text}\n`);
  }

  abstract override run(): Promise<T>;

  override logJson(json: unknown): void {
    process.stdout.write(`${toOutputJson(json)}\n`);
  }

  protected override toSuccessJson(result: unknown): unknown {
    return result;
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<void> {
    const mapped = toMsezError(err);
    if (mapped === undefined) throw err; // oclif's own exit signal (this.exit) passes through
    if (this.jsonEnabled()) {
      const envelope: ErrorEnvelope = {
        ok: false,
        error: { code: mapped.code, message: mapped.message, details: { ...mapped.details } },
      };
      this.logJson(envelope);
    } else {
      process.stderr.write(`${this.err.red(`error[${mapped.code}]`)} ${oneLine(mapped.message)}\n`);
      if (mapped.code === 'INTERNAL' && process.env.MSEZ_DEBUG !== undefined) process.stderr.write(`${String(err.stack)}\n`);
    }
    process.exitCode = mapped.exitCode;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/** Maps anything thrown to an MsezError; undefined for oclif's deliberate exit. */
export function toMsezError(err: unknown): MsezError | undefined {
  if (err instanceof MsezError) return err;
  if (err instanceof Errors.ExitError) return undefined;
  const oclif = (err as { oclif?: { exit?: number } } | undefined)?.oclif;
  if (err instanceof Errors.CLIError || oclif !== undefined || isParseError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new MsezError('USAGE', stripAnsi(message), {}, { cause: err });
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new MsezError('INTERNAL', `internal error: ${message}`, {}, { cause: err });
}

function isParseError(err: unknown): boolean {
  return err instanceof Error && /Error$/.test(err.constructor.name) && 'parse' in err;
}

function stripAnsi(s: string): string {
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}
