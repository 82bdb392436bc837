// Export → import → export keeps a project: for generated projects with nested spans, several codes
// on one text, memos, emoji, CRLF, literal brackets and trailing spaces, the imported project's
// transcripts have exactly the original plain texts, and the same codings (code name, place in
// code points, memo), crossing ones (labelled spans `[1>…<1]`) included. And the import of other
// tools' selections: over any text (brackets, tabs, trailing spaces, labels, timestamps, code), each
// selection is placed or reported, and one within a line of words is always placed exactly.
import * as assert from 'assert';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { refiProject } from '../../server/src/core/exchange/refiExport';
import { importRefiProject } from '../../server/src/core/exchange/refiProjectImport';
import { QdaWorkspace, type Project } from '../../server/src/core/project/workspace';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

const codebook = `trust:
  label: Kepercayaan
  codes:
    quality: {label: Jaminan mutu}
price:
  codes:
    discount: {label: Diskon & promo}
`;
const codes = ['trust', 'trust/quality', 'price', 'price/discount'];
// Words with the text's own brackets and escapes, and ending in spaces or a tab (never white space alone: a
// turn whose text is only its span would code the same text twice, which the import keeps once).
const word = fc.constantFrom('saya', 'harga', '😀', 'Kak,', '[tertawa]', 'murah.', '#promo', 'é', '[inaudible 00:01:42]', 'ya  ', 'ya\t', '\\[x\\]');
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
/** Turns end in spaces now and then, as transcription tools leave them. */
const trailing = fc.constantFrom('', '', ' ', '   ', '\t');
/** Front matter: the informant and the kind, and perhaps a date, the interviewer, speakers and keys of the researcher's own. */
const frontMatter = fc
  .tuple(fc.constantFrom('interview', 'observation'), fc.subarray(['date: 2022-11-10', 'interviewer: P', 'speakers: {SR: A, P2: A}', 'shop: "Toko: Baju #1"', 'age: 25', 'online: true', 'mode: video call']))
  .map(([kind, keys]) => [`informant: A`, `source: ${kind}`, ...keys]);
const transcript = fc
  .tuple(frontMatter, fc.array(fc.tuple(fc.oneof(turn, crossingTurn), trailing), { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'))
  .map(([keys, turns, eol]) => `---${eol}${keys.join(eol)}${eol}---${eol}${turns.map(([t, space]) => t + space).join(eol + eol)}${eol}`);

async function load(files: Record<string, string>): Promise<Project> {
  const workspace = new QdaWorkspace(new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, t]) => [`file:///study/${p}`, t]))));
  await workspace.addFolder('file:///study');
  return workspace.sortedProjects()[0];
}

/** Each transcript by path: its plain text, its front matter's values, its quotes, and its codings as (code's name, plain start, plain end, memo), sorted. */
function contents(project: Project): Record<string, { text: string; codings: string[]; frontMatter: unknown; quotes: number }> {
  const out: Record<string, { text: string; codings: string[]; frontMatter: unknown; quotes: number }> = {};
  for (const [uri, doc] of project.index.documents) {
    const parsed = doc.parsed;
    const codings: string[] = [];
    for (let i = 0; i < parsed.codingCount; i++) {
      const code = project.codebook.codes.get(parsed.codeOfCoding(i))!;
      codings.push(`${code.label ?? code.name} ${parsed.plainStartOf(i)}-${parsed.plainEndOf(i)} ${parsed.codings[i].memo ?? ''}`);
    }
    const fm = parsed.frontMatter;
    const frontMatter = fm && [fm.informant?.value, fm.source?.value, fm.date?.value, fm.interviewer?.value, fm.speakers.map((m) => `${m.label}=${m.informant}`), fm.attributes];
    out[project.pathOf(uri)] = { text: parsed.plainText, codings: codings.sort(), frontMatter, quotes: parsed.turns.filter((t) => t.isQuote).length };
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

// ---- Other tools' selections over any text ----------------------------------------------------

const piece = fc.constantFrom(
  'kata', 'dua kata', ' ', '   ', '\t', '[inaudible 00:01:42]', '[', ']', '[laughs]', '{', '}', '{#a}', '\\', '\\[', '`', '``', '😀', 'é', '<3', '<1', '[1>', '[2>',
  '#', ':', 'S1:', '00:01', '|', '>', '-',
);
const lineStart = fc.constantFrom('', '', '', 'S1:\t', 'Speaker 1:\t', 'A: ', 'A: [00:01:42] ', 'B:', '# ', '```', '~~~', '   ');
const sourceLine = fc.tuple(lineStart, fc.array(piece, { maxLength: 6 }), fc.constantFrom('', '', '  ', '\t')).map(([head, words, tail]) => head + words.join('') + tail);
const sourceText = fc.tuple(fc.array(sourceLine, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol) + eol);

/** A .qdpx of one source and its selections (start, end in code points; code a or b). */
function foreignProject(text: string, selections: [number, number, string][]): Uint8Array {
  const xml = selections
    .map(([start, end, code], k) => `<PlainTextSelection guid="s${k}" startPosition="${start}" endPosition="${end}"><Coding guid="c${k}"><CodeRef targetGUID="${code}"/></Coding></PlainTextSelection>`)
    .join('');
  const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="another tool"><CodeBook><Codes><Code guid="a" name="a" isCodable="true"/><Code guid="b" name="b" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="t" name="t.txt" plainTextPath="internal://t.txt">${xml}</TextSource></Sources></Project>`;
  return zipSync({ 'project.qde': new TextEncoder().encode(qde), 'sources/t.txt': new TextEncoder().encode(text) });
}

/** How many selections the notes say were not placed. */
const notPlaced = (notes: string[]) => notes.filter((n) => n.endsWith('; not placed')).reduce((sum, n) => sum + (Number(/: (\d+) selections /.exec(n)?.[1]) || 1), 0);

describe('REFI-QDA import of other tools\' selections (property)', () => {
  it('writes the text exactly and places or reports each selection; a placed one is its selection, at most without white space or a label at its edges', () => {
    fc.assert(
      fc.property(sourceText, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('a', 'b')), { maxLength: 8 }), (text, picks) => {
        const length = [...text].length;
        const selections = picks.map(([x, y, code]): [number, number, string] => {
          const [a, b] = [x % (length + 1), y % (length + 1)];
          return [Math.min(a, b), Math.max(a, b), code];
        });
        const result = importRefiProject(foreignProject(text, selections), 'p.qdpx');
        if ('error' in result) throw new Error(result.error);
        const file = result.ok.files.find((f) => f.path === 'transcripts/t.transcript.md')!;
        const parsed = parseTranscript(file.text);
        assert.strictEqual(parsed.plainText, text);
        assert.deepStrictEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
        assert.strictEqual(result.ok.placed + notPlaced(result.ok.notes), selections.length, result.ok.notes.join('\n'));
        const chars = [...text];
        for (let c = 0; c < parsed.codingCount; c++) {
          const [start, end] = [parsed.plainStartOf(c), parsed.plainEndOf(c)];
          const ok = selections.some(([s, e, code]) => {
            if (code !== parsed.codeOfCoding(c) || s > start || e < end) return false;
            // Left out: white space (with line breaks) at either edge, speakers' labels or a heading's #s at the start.
            const cut = [chars.slice(s, start).join(''), chars.slice(end, e).join('')];
            return /^(?:\s|[\p{L}\p{M}\p{Nd}_.\-]*:|#+)*$/u.test(cut[0]) && /^\s*$/.test(cut[1]);
          });
          assert.ok(ok, `coding ${c} at ${start}-${end} is no selection's text: ${JSON.stringify(file.text)}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('places exactly every selection within a line of words, brackets, braces, tabs and trailing spaces', () => {
    const word = fc.constantFrom('kata', 'dua', ' ', '   ', '\t', '[inaudible 00:01:42]', '[', ']', '[laughs]', '{', '}', '\\', '😀', '<3', '[1>', '|', '-', '#x');
    // A line with words: a line of white space alone is a paragraph break, where no span can be.
    const line = fc
      .tuple(fc.constantFrom('', 'S1:\t', 'Speaker 1:\t', 'A: '), fc.array(word, { minLength: 1, maxLength: 8 }), fc.constantFrom('', '  ', '\t'))
      .map(([head, words, tail]) => [head, `${head}${words.join('')}${/\S/.test(words.join('')) ? '' : 'kata'}${tail}`] as const);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\n\n'), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('a', 'b')), { maxLength: 10 }), (lines, eol, picks) => {
        const text = lines.map(([, l]) => l).join(eol) + '\n';
        // Selections inside one line, after its label: [start, end) in code points.
        const starts: number[] = [];
        let at = 0;
        for (const [, l] of lines) starts.push(at), (at += [...l].length + eol.length);
        const selections = picks.flatMap(([n, x, y, code]): [number, number, string][] => {
          const k = n % lines.length;
          const [head, l] = lines[k];
          const from = [...head].length;
          const size = [...l].length - from;
          const [a, b] = [from + (x % (size + 1)), from + (y % (size + 1))];
          return a !== b ? [[starts[k] + Math.min(a, b), starts[k] + Math.max(a, b), code]] : [];
        });
        const unique = [...new Map(selections.map((s) => [s.join(), s])).values()];
        const result = importRefiProject(foreignProject(text, unique), 'p.qdpx');
        if ('error' in result) throw new Error(result.error);
        const parsed = parseTranscript(result.ok.files.find((f) => f.path === 'transcripts/t.transcript.md')!.text);
        assert.deepStrictEqual([result.ok.placed, result.ok.notes], [unique.length, []]);
        const chars = [...text];
        const coded = [...Array(parsed.codingCount).keys()].map((c) => `${parsed.codeOfCoding(c)} ${parsed.plainStartOf(c)} ${parsed.plainEndOf(c)}`).sort();
        assert.deepStrictEqual(coded, unique.map(([s, e, code]) => `${code} ${s} ${e}`).sort());
        assert.strictEqual(parsed.plainText, chars.join(''));
      }),
      { numRuns: 500 },
    );
  });
});
