// Export → import → export keeps a project: for generated projects with nested spans, several codes
// on one text, memos, emoji and CRLF, the imported project's transcripts have exactly the original
// plain texts, and the same codings (code name, place in code points, memo), crossing ones
// (labelled spans `[1>…<1]`) included.
import * as assert from 'assert';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { refiProject } from '../../server/src/core/exchange/refiExport';
import { importRefiProject } from '../../server/src/core/exchange/refiProjectImport';
import { QdaWorkspace, type Project } from '../../server/src/core/project/workspace';

const codebook = `trust:
  label: Kepercayaan
  codes:
    quality: {label: Jaminan mutu}
price:
  codes:
    discount: {label: Diskon & promo}
`;
const codes = ['trust', 'trust/quality', 'price', 'price/discount'];
const word = fc.constantFrom('saya', 'harga', '😀', 'Kak,', '[tertawa]', 'murah.', '#promo', 'é');
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const tags = fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 2 }).map((c) => c.map((x) => `#${x}`).join(' '));
const memo = fc.option(fc.constantFrom('catatan', 'penting 😀', 'cek lagi'), { nil: undefined });
const block = fc.tuple(tags, memo).map(([t, m]) => `{${t}${m ? ` | ${m}` : ''}}`);
/** A quote: words, a coded span (perhaps with a span inside it), more words, perhaps a turn tag. */
const turn = fc
  .tuple(fc.constantFrom('A', 'SR', 'P'), words, words, fc.option(fc.tuple(words, block), { nil: undefined }), block, words, fc.option(block, { nil: undefined }))
  .map(([label, before, inner, nested, tag, after, turnTag]) => `${label}: ${before} [${inner}${nested ? ` [${nested[0]}]${nested[1]}` : ''}]${tag} ${after}${turnTag ? ` ${turnTag}` : ''}`);
/** A quote whose two codings cross: `[1>a [b<1]{…} c]{…}`. */
const crossingTurn = fc
  .tuple(fc.constantFrom('A', 'SR'), words, words, words, words, block, block)
  .map(([label, before, first, shared, last, one, two]) => `${label}: ${before} [1>${first} [${shared}<1]${one} ${last}]${two}`);
const transcript = fc.tuple(fc.array(fc.oneof(turn, crossingTurn), { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n')).map(([turns, eol]) => `---${eol}informant: A${eol}source: interview${eol}---${eol}${turns.join(eol + eol)}${eol}`);

async function load(files: Record<string, string>): Promise<Project> {
  const workspace = new QdaWorkspace(new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, t]) => [`file:///study/${p}`, t]))));
  await workspace.addFolder('file:///study');
  return workspace.sortedProjects()[0];
}

/** Each transcript by path: its plain text, and its codings as (code's name, plain start, plain end, memo), sorted. */
function contents(project: Project): Record<string, { text: string; codings: string[] }> {
  const out: Record<string, { text: string; codings: string[] }> = {};
  for (const [uri, doc] of project.index.documents) {
    const parsed = doc.parsed;
    const codings: string[] = [];
    for (let i = 0; i < parsed.codingCount; i++) {
      const code = project.codebook.codes.get(parsed.codeOfCoding(i))!;
      codings.push(`${code.label ?? code.name} ${parsed.plainStartOf(i)}-${parsed.plainEndOf(i)} ${parsed.codings[i].memo ?? ''}`);
    }
    out[project.pathOf(uri)] = { text: parsed.plainText, codings: codings.sort() };
  }
  return out;
}

describe('REFI-QDA export → import → export (property)', () => {
  it('keeps every text, coding and memo of generated projects, crossing codings included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 3 }), async (texts) => {
        const files: Record<string, string> = { 'codebook.yaml': codebook, 'informants.yaml': 'A: {role: owner}\n' };
        texts.forEach((text, i) => (files[`transcripts/t${i}.transcript.md`] = text));
        const original = await load(files);
        // Not vacuous: the generated codings are there (a crossing turn holds two).
        assert.ok(Object.values(contents(original)).every((d) => d.codings.length >= 1));
        const exported = refiProject(original, { name: 'study' });
        const imported = importRefiProject(exported, 'study.qdpx');
        if ('error' in imported) throw new Error(imported.error);
        assert.deepStrictEqual(imported.ok.notes, []);
        const again = await load(Object.fromEntries(imported.ok.files.map((f) => [f.path, f.text])));
        assert.deepStrictEqual(contents(again), contents(original));
        // And the second export holds the same sources' texts as the first, byte for byte.
        const texts1 = unzipSync(exported, { filter: (f) => f.name.startsWith('sources/') });
        const texts2 = unzipSync(refiProject(again, { name: 'study' }), { filter: (f) => f.name.startsWith('sources/') });
        assert.deepStrictEqual(Object.values(texts2).map((b) => new TextDecoder().decode(b)).sort(), Object.values(texts1).map((b) => new TextDecoder().decode(b)).sort());
      }),
      { numRuns: 100 },
    );
  });
});
