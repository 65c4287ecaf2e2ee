import { Chalk, type ChalkInstance } from 'chalk';

/**
 * chalk 5.6 ignores NO_COLOR (design README D15), so the level is decided here: no colour under NO_COLOR,
 * TERM=dumb, --no-color, or when the stream is not a TTY.
 */
export function colorFor(stream: NodeJS.WriteStream, disabled = false): ChalkInstance {
  const env = process.env;
  const off =
    disabled ||
    (env.NO_COLOR !== undefined && env.NO_COLOR !== '') ||
    env.TERM === 'dumb' ||
    env.FORCE_COLOR === '0' ||
    stream.isTTY !== true;
  return new Chalk({ level: off ? 0 : 1 });
}
