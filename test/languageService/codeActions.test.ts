// Quick fixes (unknown code, untagged quote, unmapped speaker) and "Code selection…". Edits are
// applied with vscode-languageserver-textdocument, a reader other than the code under test.
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseDocument } from 'yaml';
import { codeActions, codeSelection } from '../../server/src/languageService/codeActions';
import { codebookYaml, study } from '../helpers/project';

const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
const everywhere = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

describe('quick fixes', () => {
  const s = study({
    'a.transcript.md': `---
informant: SR
interviewer: P
---
P: Apa kabar?

SR: [Foto asli]{#trust/qualty} bagus.

SR: Itu saja.¦

R: ya {-}
`,
  });
  const uri = s.uri('a.transcript.md');
  const text = s.file('a.transcript.md').text;
  const actions = codeActions(s.workspace, uri, everywhere, { untaggedQuote: 'warning' });

  it('replaces an unknown code with the closest one, or adds it to the codebook under its theme', () => {
    assert.deepStrictEqual(actions.slice(0, 2).map((a) => [a.title, a.isPreferred ?? false]), [
      ["Replace with 'trust/quality'", true],
      ["Add 'trust/qualty' to codebook.yaml", false],
    ]);
    assert.strictEqual(apply(text, actions[0].edit!.changes![uri]).split('\n')[6], 'SR: [Foto asli]{#trust/quality} bagus.');
    const codebook = parseDocument(apply(codebookYaml, actions[1].edit!.changes![s.uri('codebook.yaml')]));
    assert.deepStrictEqual(codebook.errors, []);
    const trust = (codebook.toJSON() as Record<string, { codes: Record<string, unknown> }>).trust;
    assert.deepStrictEqual(Object.keys(trust.codes), ['quality', 'testimonials', 'qualty']);
    assert.deepStrictEqual(trust.codes.qualty, { description: 'TODO: describe when to apply this code.' });
  });

  it('marks an untagged quote as reviewed, or opens a tag block at its end', () => {
    const at = s.file('a.transcript.md').positions[0];
    assert.deepStrictEqual(actions.slice(2, 4).map((a) => a.title), ['Mark as reviewed with no code ({-})', 'Add a tag block to this quote']);
    assert.deepStrictEqual(actions[2].edit!.changes![uri], [{ range: { start: at, end: at }, newText: ' {-}' }]);
    assert.deepStrictEqual(actions[3].command, { title: 'Add a tag block', command: 'qda.insertTagBlock', arguments: [uri, at] });
  });

  it("maps an unmapped speaker to the front matter's informant", () => {
    assert.strictEqual(actions[4].title, "Map speaker 'R' to informant 'SR'");
    assert.strictEqual(apply(text, actions[4].edit!.changes![uri]).split('\n').slice(0, 6).join('\n'), '---\ninformant: SR\ninterviewer: P\nspeakers:\n  R: SR\n---');
    assert.strictEqual(actions.length, 5);
  });

  it('adds a speaker to an existing speakers map, keeping CRLF line ends', () => {
    const crlf = study({ 'b.transcript.md': '---\r\ninformant: SR\r\nspeakers:\r\n  S: SR\r\n---\r\nR: ya {-}\r\n' });
    const [map] = codeActions(crlf.workspace, crlf.uri('b.transcript.md'), everywhere, { untaggedQuote: 'warning' });
    assert.strictEqual(apply(crlf.file('b.transcript.md').text, map.edit!.changes![crlf.uri('b.transcript.md')]), '---\r\ninformant: SR\r\nspeakers:\r\n  S: SR\r\n  R: SR\r\n---\r\nR: ya {-}\r\n');
  });
});

describe('code selection', () => {
  const s = study({ 'a.transcript.md': 'P: Apa?\n\nSR: Saya suka ⟦barangnya⟧ [karena ¦murah]{#price/discount}.\n  Harganya ¦pas.\n' });
  const uri = s.uri('a.transcript.md');
  const f = s.file('a.transcript.md');
  const edited = (result: ReturnType<typeof codeSelection>) => {
    assert.ok('ok' in result, JSON.stringify(result));
    return apply(f.text, result.ok.changes![uri]);
  };

  it('wraps the selected words in a coded span', () => {
    assert.strictEqual(edited(codeSelection(s.workspace, uri, f.ranges[0], ['trust/quality'])), 'P: Apa?\n\nSR: Saya suka [barangnya]{#trust/quality} [karena murah]{#price/discount}.\n  Harganya pas.\n');
  });

  it('codes the turn under the cursor when nothing is selected', () => {
    const at = { start: f.positions[1], end: f.positions[1] };
    assert.strictEqual(edited(codeSelection(s.workspace, uri, at, ['trust', 'price'])), 'P: Apa?\n\nSR: Saya suka barangnya [karena murah]{#price/discount}.\n  Harganya pas. {#trust #price}\n');
  });

  it("codes a selection that crosses a span's end with a labelled span, which may cross it", () => {
    const crossing = { start: f.positions[0], end: f.positions[1] };
    assert.strictEqual(edited(codeSelection(s.workspace, uri, crossing, ['trust'])), 'P: Apa?\n\nSR: Saya suka barangnya [karena [1>murah]{#price/discount}.\n  Harganya<1]{#trust} pas.\n');
  });

  it('refuses a selection that cuts through a tag block, no code, an invalid code, or a file that is no transcript', () => {
    const tagBlock = f.text.indexOf('{#price');
    const cut = { start: f.positions[0], end: { line: 2, character: tagBlock - f.text.lastIndexOf('\n', tagBlock) - 1 + 3 } };
    assert.deepStrictEqual(codeSelection(s.workspace, uri, cut, ['trust']), { error: 'Select text inside one turn, without cutting through tag blocks.' });
    assert.deepStrictEqual(codeSelection(s.workspace, uri, f.ranges[0], []), { error: 'Choose at least one code.' });
    assert.deepStrictEqual(codeSelection(s.workspace, uri, f.ranges[0], ['a b']), { error: "'a b' is not a valid code path." });
    assert.deepStrictEqual(codeSelection(s.workspace, s.uri('codebook.yaml'), f.ranges[0], ['trust']), { error: 'This file is not a transcript of a QDA project.' });
  });
});
