/** protocol/uri.ts: one spelling for file URIs, one normal form to compare them in. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { posix } from '../../server/src/core/path';
import { fileName, fileUri, relativeUriPath, sameUri, uriKey, uriToFile, uriToVirtualPath, UriSpellings, virtualPathToUri } from '../../server/src/protocol/uri';

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

  describe('in a browser, where files are URIs of any scheme', () => {
    const githubDev = 'vscode-vfs://github%2B7b22726566223a7b2274797065223a332c226964223a2231227d7d/council/rate-cards/OneDrive%20-%20Council%20%282024%29/care%20%231.ratecard.yaml';
    const codeServer = 'vscode-remote://localhost%3A8080/home/jane/Rate%20cards%20%E2%80%93%20caf%C3%A9/a.ratecard.yaml';

    it('gives each URI one path, keeping its scheme and authority, and spells it back as VS Code does', () => {
      for (const uri of [githubDev, codeServer, 'file:///c%3A/Users/Jane%20Smith/x.framework.yaml']) {
        const file = uriToVirtualPath(uri)!;
        assert.ok(file.startsWith('/'), file);
        assert.equal(virtualPathToUri(file), uriKey(uri));
      }
      assert.equal(uriToVirtualPath('untitled:Untitled-1'), undefined);
    });

    it('resolves a rate card\'s relative framework path within the same repository', () => {
      const card = uriToVirtualPath(githubDev)!;
      const framework = posix.resolve(posix.dirname(card), '../frameworks/care.framework.yaml');
      assert.equal(virtualPathToUri(framework), uriKey(githubDev.replace(/OneDrive.*$/, 'frameworks/care.framework.yaml')));
    });

    it('round-trips generated paths of any scheme', () => {
      const segment = fc.stringMatching(/^[A-Za-z0-9 ()#%é–_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
      fc.assert(fc.property(fc.constantFrom('vscode-vfs', 'vscode-remote', 'file', 'memfs'), fc.constantFrom('', 'github', 'localhost:8080'), fc.array(segment, { minLength: 1, maxLength: 5 }), (scheme, authority, segments) => {
        const uri = virtualPathToUri(`/${scheme}:${authority}/${segments.join('/')}`);
        assert.equal(virtualPathToUri(uriToVirtualPath(uri)!), uri);
      }), { numRuns: 500 });
    });

    it('answers a browser client under its own spelling of every scheme', () => {
      const spellings = new UriSpellings();
      assert.equal(spellings.fileOf(githubDev), undefined, 'a Node server reads file: URIs only');
      spellings.anyScheme = true;
      const file = spellings.fileOf(githubDev)!;
      assert.equal(spellings.uriOf(file), githubDev);
      assert.equal(spellings.uriOf(posix.join(posix.dirname(file), 'care.framework.yaml')), uriKey(githubDev.replace(/care%20%231\.ratecard/, 'care.framework')));
    });

    it('names a file and the path between two URIs for the client', () => {
      assert.equal(fileName({ path: '/a/b/care #1.ratecard.yaml' }), 'care #1.ratecard.yaml');
      assert.equal(relativeUriPath('vscode-vfs://github/o/r/cards', 'vscode-vfs://github/o/r/frameworks/x.framework.yaml'), '../frameworks/x.framework.yaml');
      assert.equal(relativeUriPath('file:///a', 'vscode-vfs://github/o/r/x.yaml'), undefined);
    });
  });
});
