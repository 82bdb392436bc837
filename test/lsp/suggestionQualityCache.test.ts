// The server's table of how good the suggestions are: at once for a small study; for a large one
// made in the background (no quick fix offered until it is there), then kept while edits go on
// and made again once they pause.
import * as assert from 'assert';
import { suggestionQualityTable } from '../../server/src/languageService/suggestionActions';
import { SuggestionQualityCache } from '../../server/src/lsp/suggestionQualityCache';
import { study } from '../helpers/project';

const codebook = 'food:\n  codes:\n    rice: {description: Rice}\n    noodles: {description: Noodles}\n';
const interview = (answers: string[]) => `---\ninformant: A\ninterviewer: P\n---\n${answers.map((a) => `P: Lalu?\n\nA: ${a}\n`).join('\n')}`;
const files = {
  'codebook.yaml': codebook,
  'informants.yaml': 'A: {}\n',
  'a.transcript.md': interview(['Nasi goreng pagi. {#food/rice}', 'Mie ayam enak. {#food/noodles}', 'Nasi uduk. {#food/rice}']),
  'b.transcript.md': interview(['Nasi putih hangat. {#food/rice}', 'Mie goreng pedas. {#food/noodles}', 'Belum tahu.']),
};

const until = async (what: string, done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(done(), what);
};

describe('the suggestions quality table of the server', () => {
  it('makes a small study\'s table at once', () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('a.transcript.md'))!;
    assert.deepStrictEqual(new SuggestionQualityCache().table(project), suggestionQualityTable(project));
  });

  it('makes a large study\'s table in the background, and again a moment after an edit', async () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('a.transcript.md'))!;
    const cache = new SuggestionQualityCache(0, 50);
    assert.strictEqual(cache.table(project), undefined);
    await until('the first table', () => cache.table(project) !== undefined);
    const first = cache.table(project)!;
    assert.deepStrictEqual(first, suggestionQualityTable(project));
    workspace.setFile(uri('b.transcript.md'), interview(['Nasi putih hangat. {#food/rice}', 'Mie goreng pedas. {#food/rice}', 'Belum tahu.']));
    // Right after the edit: the table of before.
    assert.strictEqual(cache.table(project), first);
    await until('the table after the edit', () => cache.table(project) !== first);
    assert.deepStrictEqual(cache.table(project), suggestionQualityTable(project));
    assert.notDeepStrictEqual(cache.table(project), first);
  });
});
