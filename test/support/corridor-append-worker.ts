// Child process for the concurrent-append test: appends N receipts tagged TAG to the fixture corridor.
import { openDatabase, proposeAndAppend } from '../../src/store/index.js';
import { transitionEnvelope } from '../../src/corridor/index.js';
import { corridorFixture } from './corridor-fixture.js';

const [path, tag, count] = process.argv.slice(2) as [string, string, string];
const fx = corridorFixture();
const db = openDatabase(path, { busyTimeoutMs: 20_000 });
for (let i = 0; i < Number(count); i++) {
  proposeAndAppend(db, fx.config.corridor_id, { timestamp: '2026-01-01T00:00:00Z', transition: transitionEnvelope(tag, { i }) }, fx.parties);
}
db.close();
