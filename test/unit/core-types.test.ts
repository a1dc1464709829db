/** The model's TypeScript types are generated from the schemas; this fails if they drift apart. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = path.resolve(__dirname, '../..');

describe('core: generated types match the schemas', function () {
  this.timeout(20000);

  it('server/src/core/generated/types.ts is exactly what scripts/gen-types.mjs generates', async () => {
    const { generateTypes, typesPath } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/gen-types.mjs')).href)) as { generateTypes: () => Promise<string>; typesPath: string };
    const committed = fs.readFileSync(typesPath, 'utf8');
    const generated = await generateTypes();
    assert.ok(generated === committed, 'The types differ from the schemas: run `npm run gen:types` and commit server/src/core/generated/types.ts.');
  });
});
