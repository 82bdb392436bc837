// A code written in a memo file is a reference like a tag: completion after `#`, hover, go to
// definition, find all references, rename, and a diagnostic when the codebook lacks it.
import * as assert from 'assert';
import type { TextEdit } from 'vscode-languageserver-types';
import { diagnoseFile } from '../../server/src/core/project/diagnostics';
import { LineIndex } from '../../server/src/core/text/text';
import { applyEdits } from '../../server/src/languageService/codeActions';
import { completeInMemo } from '../../server/src/languageService/completion';
import { definition, hover, references } from '../../server/src/languageService/navigation';
import { rename } from '../../server/src/languageService/rename';
import { study, studyRoot } from '../helpers/project';

describe('codes in memo files', () => {
  const s = study({
    'a.transcript.md': '---\ninformant: A\n---\nA: [Asli]{#trust/quality}\n',
    'memos/quality.md': '# On ⟦trust/quality⟧\n\nWhy #trust/qua¦lity matters (#⟦trust/qualty⟧). More: #tr¦\n\n#¦\n',
  });
  const memo = 'memos/quality.md';
  const memoUri = s.uri(memo);
  const at = (k: number) => s.file(memo).positions[k];

  it('complete after `#` with the codebook’s codes, replacing what is typed', () => {
    const list = completeInMemo(s.workspace.memoFile(memoUri)!, s.workspace.projectFor(memoUri), at(1))!;
    assert.deepStrictEqual(list.items.map((i) => i.label), ['trust', 'trust/quality', 'trust/testimonials']);
    const line = s.file(memo).text.split('\n')[2];
    assert.deepStrictEqual((list.items[0].textEdit as TextEdit).range, { start: { line: 2, character: line.lastIndexOf('#tr') + 1 }, end: { line: 2, character: line.lastIndexOf('#tr') + 3 } });
    // A `#` alone at a line's start begins a heading: nothing offered.
    assert.strictEqual(completeInMemo(s.workspace.memoFile(memoUri)!, s.workspace.projectFor(memoUri), at(2)), null);
  });

  it('hover and go to definition as a tag does', () => {
    assert.match(JSON.stringify(hover(s.workspace, memoUri, at(0))), /Kualitas/);
    assert.deepStrictEqual(definition(s.workspace, memoUri, at(0)), { uri: s.uri('codebook.yaml'), range: s.workspace.projects.get(studyRoot)!.codebook.codes.get('trust/quality')!.keyRange });
  });

  it('are found by find all references, after the tags', () => {
    const found = references(s.workspace, s.uri('a.transcript.md'), { line: 3, character: 12 }, false);
    const line = s.file(memo).text.split('\n')[2];
    assert.deepStrictEqual(found, [
      { uri: s.uri('a.transcript.md'), range: { start: { line: 3, character: 11 }, end: { line: 3, character: 24 } } },
      { uri: memoUri, range: { start: { line: 2, character: line.indexOf('#trust/quality') + 1 }, end: { line: 2, character: line.indexOf('#trust/quality') + 14 } } },
    ]);
  });

  it('are renamed with the code, and the memo’s other text stays as it was', () => {
    const result = rename(s.workspace, memoUri, at(0), 'mutu');
    assert.ok(result && 'ok' in result);
    const text = s.file(memo).text;
    const after = applyEdits(text, new LineIndex(text), result.ok.changes![memoUri]);
    assert.strictEqual(after, text.replace('#trust/quality ', '#trust/mutu '));
    assert.strictEqual(result.ok.changes![s.uri('a.transcript.md')].length, 1);
  });

  it('are flagged when the codebook does not have them, with the likely code', () => {
    const diagnostics = diagnoseFile(s.workspace, memoUri);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.range, d.code, d.message]),
      [
        [s.file(memo).ranges[1], 'unknown-code', "Unknown code 'trust/qualty': it is not in codebook.yaml. Did you mean 'trust/quality'?"],
        // The code being typed at the end of the line, not a code yet.
        [{ start: { line: 2, character: 51 }, end: { line: 2, character: 53 } }, 'unknown-code', "Unknown code 'tr': it is not in codebook.yaml."],
      ],
    );
  });
});
