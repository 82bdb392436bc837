// Merges in the editor's terms: a conflict left by git is an error with quick fixes (ours, theirs,
// both) where only codings differ; a tag left with a code's former path (codebook.yaml `formerly:`)
// is an error with the fix to the new one. Edits applied with vscode-languageserver-textdocument.
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/languageService/codeActions';
import { diagnoseFile } from '../../server/src/core/project/diagnostics';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { codebookYaml, study } from '../helpers/project';

const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
const everywhere = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
const options = { untaggedQuote: 'off' as const };

describe('merge conflicts and renamed codes in the editor', () => {
  const conflicted = [
    'SR: Mulai.',
    '',
    '<<<<<<< HEAD',
    'SR: [Baju murah, pasti.]{#trust/quality}',
    '=======',
    'SR: Baju murah, [pasti.]{#price/discount}',
    '>>>>>>> coder-b',
    '',
    'SR: Selesai. {-}',
    '',
  ].join('\n');

  it('reports the conflict as an error on its first marker, and counts none of its codings', () => {
    const s = study({ 'a.transcript.md': conflicted });
    const diagnostics = diagnoseFile(s.workspace, s.uri('a.transcript.md'), options);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
      [['merge-conflict', 'error', 2]],
    );
    const parsed = parseTranscript(conflicted);
    assert.strictEqual(parsed.codingCount, 0);
    // Our side's turn is read once; theirs is not read as a turn.
    assert.deepStrictEqual(parsed.turns.map((t) => t.speaker), ['SR', 'SR', 'SR']);
  });

  it('offers ours, theirs or both where only the codings differ', () => {
    const s = study({ 'a.transcript.md': conflicted });
    const uri = s.uri('a.transcript.md');
    const actions = codeActions(s.workspace, uri, everywhere, options).filter((a) => a.diagnostics?.[0].code === 'merge-conflict');
    assert.deepStrictEqual(actions.map((a) => a.title), ['Keep our codings (resolve the conflict)', "Keep their codings (resolve the conflict)", "Keep both sides' codings (resolve the conflict)"]);
    const resolved = actions.map((a) => apply(conflicted, a.edit!.changes![uri]).split('\n')[2]);
    assert.deepStrictEqual(resolved, ['SR: [Baju murah, pasti.]{#trust/quality}', 'SR: Baju murah, [pasti.]{#price/discount}', 'SR: [Baju murah, [pasti.]{#price/discount}]{#trust/quality}']);
  });

  it('offers nothing where the words differ too', () => {
    const s = study({ 'a.transcript.md': conflicted.replace('Baju murah, [pasti.]', 'Baju murah, [pastinya.]') });
    const actions = codeActions(s.workspace, s.uri('a.transcript.md'), everywhere, options).filter((a) => a.diagnostics?.[0].code === 'merge-conflict');
    assert.deepStrictEqual(actions, []);
  });

  it('reports git markers left in codebook.yaml', () => {
    const s = study({ 'codebook.yaml': codebookYaml.replace('    testimonials:', '<<<<<<< HEAD\n    testimonials:').replace('price:\n', '=======\n>>>>>>> other\nprice:\n'), 'a.transcript.md': 'SR: x {#trust}\n' });
    const diagnostics = diagnoseFile(s.workspace, s.uri('codebook.yaml'), options);
    assert.ok(diagnostics.some((d) => d.code === 'merge-conflict' && d.range.start.line === 11 && d.message === "A merge conflict (lines 12–15) is left in codebook.yaml: keep one side, or both, and remove git's markers."), JSON.stringify(diagnostics));
  });

  it('flags a code written with its former path and fixes it to the new one', () => {
    const codebook = codebookYaml.replace('    quality:\n', '    assurance:\n      formerly: [trust/quality]\n');
    const s = study({ 'codebook.yaml': codebook, 'a.transcript.md': 'SR: [Foto asli]{#trust/quality} bagus.\n' });
    const uri = s.uri('a.transcript.md');
    const [diagnostic] = diagnoseFile(s.workspace, uri, options);
    assert.deepStrictEqual([diagnostic.code, diagnostic.message], ['renamed-code', "The code 'trust/quality' was renamed 'trust/assurance' (codebook.yaml: formerly): write the new name."]);
    const [fix] = codeActions(s.workspace, uri, everywhere, options);
    assert.deepStrictEqual([fix.title, fix.isPreferred], ["Replace with 'trust/assurance'", true]);
    assert.strictEqual(apply(s.file('a.transcript.md').text, fix.edit!.changes![uri]), 'SR: [Foto asli]{#trust/assurance} bagus.\n');
  });
});
