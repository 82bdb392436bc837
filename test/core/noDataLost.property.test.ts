// No data lost: every edit the extension makes (rename, quick fixes, Code selection…) leaves the
// transcript's plain text, the researcher's words, exactly as it was. Checked on generated
// transcripts with random cursor positions, selections and new names.
import * as assert from 'assert';
import fc from 'fast-check';
import type { TextEdit } from 'vscode-languageserver-types';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { LineIndex } from '../../server/src/core/text/text';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { applyEdits, codeActions, codeSelectionEdit } from '../../server/src/languageService/codeActions';
import { rename } from '../../server/src/languageService/rename';
import { mergeCode, moveCode } from '../../server/src/languageService/restructureCodes';
import { parseCodebook } from '../../server/src/core/model/codebook';
import { adoptCodingEdit } from '../../server/src/languageService/adoptCoding';
import { TextDocument } from 'vscode-languageserver-textdocument';

const codebook = `trust:
  description: Trust.
  codes:
    quality: {description: Quality.}
price:
  description: Price.
  codes:
    discount: {description: Discount.}
`;

const word = fc.constantFrom('saya', 'harga', 'murah', '#promo', '@toko', '😀', '[tertawa]', 'ya.', 'Kak,');
const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const tag = fc.constantFrom('{#trust}', '{#trust/quality}', '{#price/discount #trust}', '{-}', '{#trust/qualty}', '{#harga}', '');
const turn = fc.tuple(fc.constantFrom('P', 'SR', 'R', 'A'), words, fc.boolean(), tag, words).map(([label, a, span, t, b]) =>
  span && t && t !== '{-}' ? `${label}: ${a} [${b}]${t}` : `${label}: ${a} ${b}${t ? ` ${t}` : ''}`,
);
const transcript = fc
  .tuple(fc.boolean(), fc.array(turn, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
  .map(([frontMatter, turns, eol]) => (frontMatter ? `---${eol}informant: SR${eol}interviewer: P${eol}---${eol}` : '') + turns.join(eol + eol) + eol);

/** The same words coded twice, as two coders would: the same turns, each with its own tags. */
const twoCoders = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.constantFrom('P', 'SR', 'R', 'A'), words, words, fc.boolean(), tag, fc.boolean(), tag), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([frontMatter, turns, eol]) => {
    const head = frontMatter ? `---${eol}informant: SR${eol}interviewer: P${eol}---${eol}` : '';
    const write = (label: string, a: string, b: string, span: boolean, t: string) => (span && t && t !== '{-}' ? `${label}: ${a} [${b}]${t}` : `${label}: ${a} ${b}${t ? ` ${t}` : ''}`);
    return [
      head + turns.map(([label, a, b, span, t]) => write(label, a, b, span, t)).join(eol + eol) + eol,
      head + turns.map(([label, a, b, , , span, t]) => write(label, a, b, span, t)).join(eol + eol) + eol,
    ] as const;
  });

function load(text: string): { workspace: QdaWorkspace; uri: string } {
  const uri = 'file:///p/a.transcript.md';
  const workspace = new QdaWorkspace(new MemoryFileSystem());
  workspace.setFile('file:///p/codebook.yaml', codebook);
  workspace.setFile('file:///p/informants.yaml', 'SR: {role: customer}\nA: {role: owner}\n');
  workspace.setFile(uri, text);
  return { workspace, uri };
}

function assertSamePlainText(before: string, edits: TextEdit[]): void {
  if (edits.length === 0) return;
  const after = applyEdits(before, new LineIndex(before), edits);
  assert.strictEqual(parseTranscript(after).plainText, parseTranscript(before).plainText, `edit ${JSON.stringify(edits)} on ${JSON.stringify(before)}`);
}

describe('no data lost', () => {
  it('quick fixes never change the plain text', () => {
    fc.assert(
      fc.property(transcript, (text) => {
        const { workspace, uri } = load(text);
        const lines = new LineIndex(text);
        const whole = { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) };
        for (const action of codeActions(workspace, uri, whole, { untaggedQuote: 'warning' })) {
          assertSamePlainText(text, action.edit?.changes?.[uri] ?? []);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Code selection… never changes the plain text, whatever the selection', () => {
    fc.assert(
      fc.property(transcript, fc.nat(), fc.nat(), (text, a, b) => {
        const parsed = parseTranscript(text);
        const lines = parsed.lines;
        const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
        const result = codeSelectionEdit(parsed, 'file:///p/a.transcript.md', { start: lines.positionAt(start), end: lines.positionAt(end) }, ['trust/quality']);
        if ('ok' in result) assertSamePlainText(text, result.ok.changes!['file:///p/a.transcript.md']);
      }),
      { numRuns: 500 },
    );
  });

  it("taking the other coder's coding of a quote never changes the plain text, and takes exactly the other's markup", () => {
    fc.assert(
      fc.property(twoCoders, ([mine, theirs]) => {
        const other = parseTranscript(theirs);
        let text = mine;
        for (let turn = 0; turn < other.turnCount; turn++) {
          const own = parseTranscript(text);
          const result = adoptCodingEdit(own, 'file:///p/a.transcript.md', other, turn);
          if (!own.isQuote(turn)) {
            assert.ok('error' in result);
            continue;
          }
          assert.ok('ok' in result, JSON.stringify(result));
          const edits = result.ok.changes?.['file:///p/a.transcript.md'] ?? [];
          assertSamePlainText(text, edits);
          text = TextDocument.applyEdits(TextDocument.create('file:///p/a.transcript.md', 'qda', 1, text), edits);
        }
        // Every quote taken: the transcript now reads as the other coder's, but for the interviewer's turns.
        const after = parseTranscript(text);
        for (let turn = 0; turn < other.turnCount; turn++) {
          if (!other.isQuote(turn)) continue;
          assert.strictEqual(after.source.slice(after.turns[turn].contentStart, after.turns[turn].contentEnd), other.source.slice(other.turns[turn].contentStart, other.turns[turn].contentEnd));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rename never changes the plain text of any transcript', () => {
    let renamed = 0;
    fc.assert(
      fc.property(transcript, fc.nat(), fc.nat(20), fc.constantFrom('kepercayaan', 'mutu', 'x-1', 'bad/name', 'quality'), (text, pick, offset, name) => {
        const { workspace, uri } = load(text);
        const lines = new LineIndex(text);
        // The cursor on a code of a tag block (where rename applies), or anywhere.
        const tags = [...text.matchAll(/\{#/g)].map((m) => m.index! + 2);
        const at = tags.length ? tags[pick % tags.length] + (offset % 8) : pick % (text.length + 1);
        const result = rename(workspace, uri, lines.positionAt(at), name);
        if (result && 'ok' in result) {
          const edits = result.ok.changes?.[uri] ?? [];
          if (edits.length) renamed++;
          assertSamePlainText(text, edits);
        }
      }),
      { numRuns: 500 },
    );
    assert.ok(renamed > 100, `only ${renamed} of 500 runs renamed anything`);
  });

  /** Every `#code` written in a transcript, in order. */
  const tagsIn = (text: string) => parseTranscript(text).tagBlocks.map((b) => b.codes.map((c) => c.path));
  const codePaths = ['trust', 'trust/quality', 'price', 'price/discount'];

  it('merging a code into another never changes the plain text, and leaves no tag of it', () => {
    let merged = 0;
    fc.assert(
      fc.property(transcript, fc.constantFrom(...codePaths), fc.constantFrom(...codePaths), (text, from, into) => {
        const { workspace, uri } = load(text);
        const result = mergeCode(workspace, 'file:///p', from, into, '2026-12-05');
        if ('error' in result) return;
        const edits = result.ok.edit.documentChanges!.flatMap((c) => ('edits' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
        assertSamePlainText(text, edits);
        const after = applyEdits(text, new LineIndex(text), edits);
        // Each block: its codes with `from` read as `into`, without a repeat.
        const expected = tagsIn(text).map((codes) => [...new Set(codes.map((c) => (c === from ? into : c)))]);
        assert.deepStrictEqual(tagsIn(after), expected);
        const codebookEdit = result.ok.edit.documentChanges!.find((c) => 'edits' in c && c.textDocument.uri === 'file:///p/codebook.yaml') as { edits: TextEdit[] };
        const newCodebook = parseCodebook(applyEdits(codebook, new LineIndex(codebook), codebookEdit.edits));
        assert.deepStrictEqual([newCodebook.hasSyntaxErrors, newCodebook.codes.has(from), newCodebook.codes.has(into)], [false, false, true]);
        merged++;
      }),
      { numRuns: 300 },
    );
    assert.ok(merged > 50, `only ${merged} of 300 runs merged`);
  });

  it('moving a code never changes the plain text, and moves every tag of it and its sub-codes', () => {
    let moved = 0;
    fc.assert(
      fc.property(transcript, fc.constantFrom(...codePaths), fc.constantFrom('', ...codePaths), (text, path, parent) => {
        const { workspace, uri } = load(text);
        const result = moveCode(workspace, 'file:///p', path, parent);
        if ('error' in result) return;
        const edits = result.ok.edit.changes![uri] ?? [];
        assertSamePlainText(text, edits);
        const newPath = parent ? `${parent}/${path.split('/').pop()}` : path.split('/').pop()!;
        const renamed = (c: string) => (c === path || c.startsWith(`${path}/`) ? newPath + c.slice(path.length) : c);
        assert.deepStrictEqual(tagsIn(applyEdits(text, new LineIndex(text), edits)), tagsIn(text).map((codes) => codes.map(renamed)));
        const newCodebook = parseCodebook(applyEdits(codebook, new LineIndex(codebook), result.ok.edit.changes!['file:///p/codebook.yaml']));
        assert.deepStrictEqual(
          [...newCodebook.codes.keys()].sort(),
          codePaths.map(renamed).sort(),
          `${path} → ${parent}`,
        );
        assert.strictEqual(newCodebook.problems.length, 0);
        moved++;
      }),
      { numRuns: 300 },
    );
    assert.ok(moved > 50, `only ${moved} of 300 runs moved`);
  });
});
