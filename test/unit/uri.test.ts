/** protocol/uri.ts: one spelling for file URIs, one normal form to compare them in. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUri, sameUri, uriKey, uriToFile, UriSpellings } from '../../server/src/protocol/uri';

describe('URIs', () => {
  const folder = path.resolve('/tmp/OneDrive - Council (2024)/Rate cards – café');
  const file = path.join(folder, 'care #1.ratecard.yaml');

  it('spells a file as VS Code does: spaces, parentheses, non-ASCII, # escaped', () => {
    assert.equal(fileUri(file), 'file:///tmp/OneDrive%20-%20Council%20%282024%29/Rate%20cards%20%E2%80%93%20caf%C3%A9/care%20%231.ratecard.yaml');
  });

  it('reads back the same file from any spelling of its URI', () => {
    assert.equal(uriToFile(fileUri(file)), file);
    assert.equal(uriToFile(pathToFileURL(file).toString()), file);
    assert.equal(uriToFile('untitled:Untitled-1'), undefined);
    assert.equal(uriToFile('not a uri'), undefined);
  });

  it('compares Windows drive letters and escapes in one normal form', () => {
    assert.ok(sameUri('file:///c%3A/Users/Jane%20Smith/a%20(1).yaml', 'file:///C:/Users/Jane%20Smith/a%20%281%29.yaml'));
    assert.equal(uriKey('file:///C:/x/a%20b.yaml'), 'file:///c%3A/x/a%20b.yaml');
    assert.ok(sameUri(pathToFileURL(file).toString(), fileUri(file)));
    assert.ok(!sameUri(fileUri(file), fileUri(path.join(folder, 'other.ratecard.yaml'))));
  });

  it('answers under the spelling the client used, else VS Code\'s', () => {
    const spellings = new UriSpellings();
    const other = path.join(folder, 'other.ratecard.yaml');
    const bare = pathToFileURL(file).toString();
    assert.equal(spellings.fileOf(bare), file);
    assert.equal(spellings.uriOf(file), bare);
    assert.equal(spellings.uriOf(other), fileUri(other));
  });
});
