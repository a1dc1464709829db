/** The outcome domains are said in one place, the schema: the snippet's choice list follows it. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import frameworkSchema from '../../schemas/outcome-framework.schema.json';

describe('outcome domains', () => {
  it('the outcome snippet offers exactly the schema\'s domains, in its order', () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(__dirname, '../../snippets/outcome-frameworks.json'), 'utf8')) as Record<string, { body: string[] }>;
    const lines = Object.values(snippets).flatMap((s) => s.body).filter((line) => /^\s*domain: \$\{\d+\|/.test(line));
    assert.ok(lines.length > 0, 'a snippet offers the domains');
    for (const line of lines) assert.deepEqual(/\|([^|]*)\|/.exec(line)![1].split(','), frameworkSchema.$defs.outcome.properties.domain.enum);
  });
});
