// Workspace symbols: codebook codes by a fuzzy match on their path, quotes by their words.
import * as assert from 'assert';
import fc from 'fast-check';
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { QdaWorkspace } from '../../server/src/core/project/workspace';
import { literalPattern } from '../../server/src/core/text/text';
import { fuzzyScore } from '../../server/src/languageService/completion';
import { workspaceSymbols } from '../../server/src/languageService/symbols';
import { codebookYaml, study } from '../helpers/project';

describe('workspace symbols', () => {
  const s = study({
    'codebook.yaml': codebookYaml.replace('    discount:', '    ⟦discount⟧:').replace('    quality:\n', '    ⟦quality⟧:\n'),
    'a.transcript.md': `---
interviewer: P
---
P: Ada foto?

⟦A: Ada [Foto asli]{#trust/quality} di toko,
  dan murah.⟧
`,
    'b.transcript.md': `⟦R: Fotonya bagus 😀.⟧

R: Tidak ada gambar.
`,
  });
  const names = (query: string) => workspaceSymbols(s.workspace, query).map((symbol) => symbol.name);

  it('finds quotes by their words, case aside, the interviewer left out, in the order of the documents', () => {
    assert.deepStrictEqual(workspaceSymbols(s.workspace, 'FOTO'), [
      { name: 'A: Ada Foto asli di toko, dan murah.', kind: SymbolKind.String, containerName: 'A', location: s.location('a.transcript.md') },
      { name: 'R: Fotonya bagus 😀.', kind: SymbolKind.String, containerName: undefined, location: s.location('b.transcript.md') },
    ]);
  });

  it('ranks first the quotes whose words end within their first 59 characters, which the name shows', () => {
    // In a's quote "murah" is the 56th–60th character as written: past the 59th, and past the name.
    const words = study({
      'a.transcript.md': `A: ${'kata '.repeat(11)}murah sekali\n`,
      'b.transcript.md': 'R: Murah, kak.\n\nR: Tidak mahal.\n\nR: Harganya murah.\n',
    });
    const found = (query: string, limit?: number) => workspaceSymbols(words.workspace, query, limit).map((symbol) => symbol.name);
    const a = 'A: kata kata kata kata kata kata kata kata kata kata kata mura…';
    assert.deepStrictEqual(found('murah'), ['R: Murah, kak.', 'R: Harganya murah.', a]);
    assert.deepStrictEqual(found('murah', 2), ['R: Murah, kak.', 'R: Harganya murah.']);
    assert.deepStrictEqual(found('murah', 1), ['R: Murah, kak.']);
    // "mura" ends at the 59th.
    assert.deepStrictEqual(found('mura', 1), [a]);
    assert.deepStrictEqual(found('xyz'), []);
  });

  it('finds the words of a quote edited after a search, and no longer those it lost', () => {
    const edited = study({ 'b.transcript.md': 'R: Tidak ada.\n' });
    const found = (query: string) => workspaceSymbols(edited.workspace, query).map((symbol) => symbol.name);
    assert.deepStrictEqual([found('xyz'), found('tidak')], [[], ['R: Tidak ada.']]);
    edited.workspace.setFile(edited.uri('b.transcript.md'), 'R: Ada xyz.\n');
    assert.deepStrictEqual([found('xyz'), found('tidak')], [['R: Ada xyz.'], []]);
  });

  it('makes the filters beforehand a step at a time, each document once, again after an edit', () => {
    const primed = study({ 'a.transcript.md': 'A: Ada foto.\n', 'b.transcript.md': 'R: Murah.\n', 'c.transcript.md': 'R: Bagus.\n' });
    // `goOn` is asked after each document made: one yes, then no, is two documents.
    let steps = 1;
    assert.deepStrictEqual(primed.workspace.primeQuoteFilters(() => steps-- > 0), { made: 2, done: false });
    // The pass goes on where it stopped, and takes in a document added meanwhile.
    primed.workspace.setFile(primed.uri('d.transcript.md'), 'W: Baru.\n');
    assert.deepStrictEqual(primed.workspace.primeQuoteFilters(() => true), { made: 2, done: true });
    assert.deepStrictEqual(primed.workspace.primeQuoteFilters(() => true), { made: 0, done: true });
    // A search of a word no quote holds made the rest already: nothing left to make.
    primed.workspace.setFile(primed.uri('b.transcript.md'), 'R: Mahal xyz.\n');
    assert.deepStrictEqual(workspaceSymbols(primed.workspace, 'qqq'), []);
    assert.deepStrictEqual(primed.workspace.primeQuoteFilters(() => true), { made: 0, done: true });
    primed.workspace.setFile(primed.uri('c.transcript.md'), 'R: Bagus sekali.\n');
    assert.deepStrictEqual(primed.workspace.primeQuoteFilters(() => true), { made: 1, done: true });
    assert.deepStrictEqual(workspaceSymbols(primed.workspace, 'xyz').map((symbol) => symbol.name), ['R: Mahal xyz.']);
    // Longer documents are left to the search.
    const long = study({ 'a.transcript.md': 'A: Ada.\n', 'b.transcript.md': `R: ${'kata '.repeat(20)}\n` });
    assert.deepStrictEqual(long.workspace.primeQuoteFilters(() => true, 50), { made: 1, done: true });
    assert.deepStrictEqual(long.workspace.primeQuoteFilters(() => true), { made: 1, done: true });
  });

  it('finds codes by a fuzzy match on the path, themes and codes alike', () => {
    assert.deepStrictEqual(workspaceSymbols(s.workspace, 'disc'), [
      { name: 'price/discount', kind: SymbolKind.EnumMember, containerName: undefined, location: s.location('codebook.yaml', 1) },
    ]);
    assert.deepStrictEqual(names('trqua'), ['trust/quality']);
  });

  it('takes the query as text, not as a pattern', () => {
    assert.deepStrictEqual(names('f.to'), []);
    assert.deepStrictEqual(names('(foto'), []);
  });

  it('gives exactly what a plain search of every quote gives, for any text, query and limit', () => {
    // The filters and the early stop must change nothing: a reference reads every quote's text
    // with its own search, ranks in the two tiers, and sorts.
    const piece = fc.constantFrom('foto', 'Foto', 'KODE', 'kode', 'ka', 'murah teman', '\u212Aak', 'ſaya', 'SAYA', 'İstanbul', 'istanbul', 'straße', 'STRASSE', 'ΣΟΦΊΑ', 'σοφίας', 'σοφίαΣ', '😀', '👍🏽', 'x', '[foto]{#trust/quality}', '{#price}', 'kata kata kata kata');
    const turn = fc.tuple(fc.constantFrom('P', 'A', 'R'), fc.array(piece, { minLength: 1, maxLength: 14 }), fc.boolean());
    const transcript = fc.tuple(fc.array(turn, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([turns, eol, compact]) => ({
      text: ['---', 'interviewer: P', '---', ''].concat(turns.map(([speaker, words, wrap]) => `${speaker}: ${wrap ? words.join(`${eol}  `) : words.join(' ')}${eol}`)).join(eol),
      compact,
    }));
    const query = fc.constantFrom('foto', 'FOTO', 'kode', 'k', 'K', '\u212A', 'ka', 'KA', 's', 'ſ', 'SAYA', 'i', 'İ', 'ß', 'ss', 'σ', 'ς', 'Σοφία', '😀', '🏽', 'o m', 'h t', 'a\nk', 'xyz', 'x', '#', 'trust', ' kata ');
    fc.assert(
      fc.property(fc.array(transcript, { minLength: 1, maxLength: 4 }), fc.array(query, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 8 }), fc.nat({ max: 5 }), (transcripts, queries, limit, primed) => {
        const files: Record<string, string> = {};
        transcripts.forEach((t, i) => (files[`t${i}.transcript.md`] = t.text));
        const studied = study(files);
        transcripts.forEach((t, i) => {
          // Kept as UTF-8 bytes where that is smaller, as the reader thread keeps a text read from disk.
          if (t.compact) studied.workspace.transcript(studied.uri(`t${i}.transcript.md`))!.source.keepAsUtf8(new TextEncoder().encode(t.text));
        });
        // Some documents' filters made beforehand, as the server makes them after indexing.
        let budget = primed;
        studied.workspace.primeQuoteFilters(() => budget-- > 0);
        // In turn, so that later queries find the filters the earlier ones made.
        for (const q of queries) assert.deepStrictEqual(locations(workspaceSymbols(studied.workspace, q, limit)), reference(studied.workspace, q, limit));
      }),
      { numRuns: 400 },
    );
  });
});

function locations(symbols: WorkspaceSymbol[]): string[] {
  return symbols.map((symbol) => ('range' in symbol.location ? `${symbol.location.uri} ${JSON.stringify(symbol.location.range)}` : symbol.location.uri));
}

/** Every code by its fuzzy score; every quote whose text holds the words: first those with them in its first 59 code units; a stable sort. */
function reference(workspace: QdaWorkspace, query: string, limit: number): string[] {
  const found: { score: number; location: string }[] = [];
  const needle = query.trim();
  for (const project of workspace.projects.values()) {
    for (const code of project.codebook.codes.values()) {
      const score = fuzzyScore(query, code.path);
      if (score !== undefined) found.push({ score, location: `${project.codebookUri} ${JSON.stringify(code.keyRange)}` });
    }
    if (needle === '') continue;
    for (const doc of project.index.documents.values()) {
      const parsed = doc.parsed;
      for (let t = 0; t < parsed.turnCount; t++) {
        if (!parsed.isQuote(t)) continue;
        const match = literalPattern(needle, 'iu').exec(parsed.source.text.slice(parsed.contentStartOf(t), parsed.contentEndOf(t)));
        if (match) found.push({ score: match.index + match[0].length <= 59 ? 500 : 499, location: `${doc.uri} ${JSON.stringify(parsed.turnRangeOf(t))}` });
      }
    }
  }
  return found.sort((a, b) => b.score - a.score).slice(0, limit).map((entry) => entry.location);
}
