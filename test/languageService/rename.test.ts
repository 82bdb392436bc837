// Rename a code: one segment of its path, from its codebook key or from a tag. One edit changes
// the key and that segment in every tag, sub-codes included, and nothing else.
import * as assert from 'assert';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/core/text/text';
import { applyEdits } from '../../server/src/languageService/codeActions';
import { prepareRename, rename } from '../../server/src/languageService/rename';
import { codebookYaml, study } from '../helpers/project';

describe('rename', () => {
  const s = study({
    'codebook.yaml': codebookYaml.replace('trust:\n', '⟦tr¦ust⟧:\n'),
    'a.transcript.md': `---
informant: A
interviewer: P
---
P: Apa kabar? ¦

A: [Foto asli]{#trust/quality #trust} dan [ulasan]{#⟦tr¦ust⟧/testimonials}. Trust #trust tetap teks.

A: Lagi. {#trust/⟦qua¦lity⟧ | trust memo} {#trusty}
`,
    'b.transcript.md': 'W: Harga. {#price/discount #trust/qua¦lty}\n',
  });
  const prepare = (name: string, k = 0) => prepareRename(s.workspace, s.uri(name), s.file(name).positions[k]);
  /** Every file after the edit, as text. */
  const applied = (edit: WorkspaceEdit) =>
    Object.fromEntries(
      Object.entries(edit.changes!).map(([uri, edits]) => {
        const name = uri.slice(uri.lastIndexOf('/') + 1);
        const text = s.file(name).text;
        return [name, applyEdits(text, new LineIndex(text), edits)];
      }),
    );

  it('prepares the segment under the cursor, in the codebook or in a tag', () => {
    assert.deepStrictEqual(prepare('codebook.yaml'), { ok: { range: s.file('codebook.yaml').ranges[0], placeholder: 'trust' } });
    assert.deepStrictEqual(prepare('a.transcript.md', 1), { ok: { range: s.file('a.transcript.md').ranges[0], placeholder: 'trust' } });
    assert.deepStrictEqual(prepare('a.transcript.md', 2), { ok: { range: s.file('a.transcript.md').ranges[1], placeholder: 'quality' } });
  });

  it('renames a theme in the codebook and in every tag of it and its codes, and nothing else', () => {
    const { uri, position } = s.at('codebook.yaml');
    const result = rename(s.workspace, uri, position, 'kepercayaan');
    assert.ok(result && 'ok' in result);
    const files = applied(result.ok);
    assert.deepStrictEqual(Object.keys(files).sort(), ['a.transcript.md', 'b.transcript.md', 'codebook.yaml']);
    // The entry keeps its old path (formerly), so a branch that still writes it merges onto the new one.
    assert.strictEqual(files['codebook.yaml'], codebookYaml.replace('trust:\n', 'kepercayaan:\n  formerly: [trust]\n'));
    assert.strictEqual(
      files['a.transcript.md'],
      `---
informant: A
interviewer: P
---
P: Apa kabar? 

A: [Foto asli]{#kepercayaan/quality #kepercayaan} dan [ulasan]{#kepercayaan/testimonials}. Trust #trust tetap teks.

A: Lagi. {#kepercayaan/quality | trust memo} {#trusty}
`,
    );
    // A tag of a code missing from the codebook is renamed with its theme: it stays under it.
    assert.strictEqual(files['b.transcript.md'], 'W: Harga. {#price/discount #kepercayaan/qualty}\n');
  });

  it('renames a code from a tag: its key and its tags only', () => {
    const { uri, position } = s.at('a.transcript.md', 2);
    const result = rename(s.workspace, uri, position, 'kualitas');
    assert.ok(result && 'ok' in result);
    const files = applied(result.ok);
    assert.strictEqual(files['codebook.yaml'], codebookYaml.replace('    quality:\n', '    kualitas:\n      formerly: [trust/quality]\n'));
    assert.strictEqual(files['a.transcript.md'].split('\n')[6], 'A: [Foto asli]{#trust/kualitas #trust} dan [ulasan]{#trust/testimonials}. Trust #trust tetap teks.');
    assert.strictEqual(files['a.transcript.md'].split('\n')[8], 'A: Lagi. {#trust/kualitas | trust memo} {#trusty}');
    assert.deepStrictEqual(Object.keys(files).sort(), ['a.transcript.md', 'codebook.yaml']);
  });

  it('refuses a name that exists, an invalid name, and a code missing from the codebook; offers nothing in plain text', () => {
    const { uri, position } = s.at('a.transcript.md', 2);
    assert.deepStrictEqual(rename(s.workspace, uri, position, 'testimonials'), { error: "'trust/testimonials' already exists in codebook.yaml; choose another name." });
    assert.deepStrictEqual(rename(s.workspace, uri, position, 'a/b'), { error: "'a/b' is not a valid code name: use letters, digits, '_' and '-', without '/'." });
    assert.deepStrictEqual(prepare('b.transcript.md'), { error: "'trust/qualty' is not in codebook.yaml, so it cannot be renamed; replace it with a codebook code instead." });
    assert.strictEqual(prepare('a.transcript.md', 0), undefined);
  });

  it('renames to the same name as no change', () => {
    const { uri, position } = s.at('a.transcript.md', 2);
    assert.deepStrictEqual(rename(s.workspace, uri, position, ' quality '), { ok: { changes: {} } });
  });
});
