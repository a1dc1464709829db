/** The shipped samples: the clean ones have no findings at all; the broken one shows each mistake on its line. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintFile } from '../../server/src/core/analysis';
import { nodeHost } from '../../server/src/core/node-host';
import { Workspace } from '../../server/src/core/workspace';

const repoRoot = path.resolve(__dirname, '../..');
const samplesRoot = path.join(repoRoot, 'samples');

function findingsIn(folder: string) {
  const dir = path.join(samplesRoot, folder);
  const workspace = new Workspace(repoRoot, nodeHost);
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.yaml')).map((name) => path.join(dir, name));
  for (const file of files) workspace.addKnownFile(file);
  return files.flatMap((file) => {
    // As the linter reads them: a finding the sample explains in a suppression comment is not one.
    const report = lintFile(workspace, file);
    return report.findings.map((f) => ({ file: path.basename(file), line: report.analyzed!.parsed.lines.positionAt(f.span.start).line + 1, ruleId: f.ruleId, message: f.message }));
  });
}

describe('core: the samples', () => {
  for (const folder of ['care-leavers', 'homelessness', 'youth-engagement']) {
    it(`${folder} has a framework and a rate card, and no findings at all`, () => {
      const names = fs.readdirSync(path.join(samplesRoot, folder));
      assert.ok(names.some((n) => n.endsWith('.framework.yaml')) && names.some((n) => n.endsWith('.ratecard.yaml')), names.join(', '));
      assert.deepEqual(findingsIn(folder), []);
    });

    it(`${folder} names the programme it is modelled on and its INDIGO id`, () => {
      const text = fs.readFileSync(path.join(samplesRoot, folder, `${folder}.framework.yaml`), 'utf8');
      assert.match(text.split('\nkind:')[0], /INDIGO-POJ-\d{4}/);
    });
  }

  it('care-leavers explains its one suppressed finding: most savings land with bodies that pay nothing', () => {
    const dir = path.join(samplesRoot, 'care-leavers');
    const workspace = new Workspace(repoRoot, nodeHost);
    for (const name of fs.readdirSync(dir)) workspace.addKnownFile(path.join(dir, name));
    const report = lintFile(workspace, path.join(dir, 'care-leavers.ratecard.yaml'));
    assert.deepEqual(report.suppressed.map((f) => f.ruleId), ['savings-elsewhere']);
    assert.match(report.suppressed[0].message, /go to bodies that pay for no outcome: Department for Work and Pensions/);
  });

  it('broken reports each mistake on the line its header comment gives', () => {
    const text = fs.readFileSync(path.join(samplesRoot, 'broken', 'broken.ratecard.yaml'), 'utf8');
    const promised = [...text.matchAll(/^#\s+line (\d+): /gm)].map((m) => Number(m[1]));
    assert.equal(promised.length, 4);
    const errors = findingsIn('broken').filter((f) => f.file === 'broken.ratecard.yaml');
    assert.deepEqual(errors.map((f) => f.line), promised);
    assert.deepEqual(errors.map((f) => f.ruleId), ['payer-split', 'unknown-reference', 'schema', 'schema']);
    assert.match(errors[1].message, /Did you mean `accommodation-sustained-26w`\?/);
    assert.match(errors[2].message, /Did you mean `price`\?/);
    assert.match(errors[3].message, /must be a number .* found "one thousand"/);
  });
});
