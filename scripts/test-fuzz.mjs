// `npm run test:fuzz`: the fuzz and protocol stress tests, long. FUZZ_RUNS (default 20000) sets
// the fuzz's runs, STRESS_EDITS (default 20000) the edits replayed into the server, FUZZ_SEED
// replays a run. Ends, as `npm test` does, with `N passed, N failed`.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '20000', STRESS_EDITS: process.env.STRESS_EDITS ?? '20000' };
const result = spawnSync(process.execPath, ['scripts/test.mjs', 'test/unit/fuzz.test.ts', 'test/unit/fuzz-hostile.test.ts', 'test/unit/wildmatch.test.ts', 'test/unit/fix-write.test.ts', 'test/lsp/stress.test.ts', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
