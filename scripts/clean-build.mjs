// Removes build/ before compiling so that deleted sources never linger as stale commands.
import { rmSync } from 'node:fs';
rmSync(new URL('../build', import.meta.url), { recursive: true, force: true });
rmSync(new URL('../oclif.manifest.json', import.meta.url), { force: true });
