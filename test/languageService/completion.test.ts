// Completion: codebook codes in a tag block (ranked by the server, fuzzy on path and label),
// informant ids, sources and speaker labels in the front matter.
import * as assert from 'assert';
import { CompletionItemKind, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import { complete } from '../../server/src/languageService/completion';
import { study } from '../helpers/project';

/** Completion at the ¦ of a transcript (the only one of the study besides `other`). */
function completeAt(marked: string, other = ''): { list: CompletionList | null; ranges: unknown[] } {
  const s = study({ 'a.transcript.md': marked, 'b.transcript.md': other });
  const uri = s.uri('a.transcript.md');
  return { list: complete(s.workspace.transcript(uri)!, s.workspace.projectFor(uri), s.file('a.transcript.md').positions[0]), ranges: s.file('a.transcript.md').ranges };
}
const labels = (list: CompletionList | null) => list?.items.map((item) => item.label);

describe('completion', () => {
  it('offers every code after `{#`, themes before their codes, in codebook order', () => {
    const { list } = completeAt('A: [barangnya]{#¦}', 'SR: Bagus. {#trust/quality}\n');
    assert.strictEqual(list?.isIncomplete, true);
    assert.deepStrictEqual(
      list.items.map((item) => [item.label, item.kind, item.detail, item.sortText]),
      [
        ['trust', CompletionItemKind.Folder, 'Kepercayaan', '00000'],
        ['trust/quality', CompletionItemKind.EnumMember, 'Kualitas', '00001'],
        ['trust/testimonials', CompletionItemKind.EnumMember, 'Testimoni', '00002'],
        ['price', CompletionItemKind.Folder, undefined, '00003'],
        ['price/discount', CompletionItemKind.EnumMember, undefined, '00004'],
      ],
    );
    // The documentation is the hover's: SR's one coding counts for the code and its theme.
    assert.ok((list.items[1].documentation as { value: string }).value.endsWith('\n\n1 coding · 1/3 informants'));
    assert.ok((list.items[0].documentation as { value: string }).value.endsWith('\n\n1 coding · 1/3 informants'));
  });

  it('matches fuzzily on the path and on the label, and replaces the whole word typed', () => {
    const byPath = completeAt('A: murah {#⟦dis¦c⟧}');
    assert.deepStrictEqual(labels(byPath.list), ['price/discount']);
    assert.deepStrictEqual((byPath.list!.items[0].textEdit as TextEdit).range, byPath.ranges[0]);
    assert.deepStrictEqual(labels(completeAt('A: x {#kualit¦}').list), ['trust/quality']);
    assert.deepStrictEqual(labels(completeAt('A: x {#tsm¦}').list), ['trust/testimonials']);
  });

  it("offers a theme's codes after `theme/`", () => {
    assert.deepStrictEqual(labels(completeAt('A: x {#trust/¦}').list), ['trust/quality', 'trust/testimonials']);
  });

  it('offers nothing outside a tag block, in a memo, after an escaped brace, or outside a project', () => {
    assert.strictEqual(completeAt('A: #trust¦ biasa').list, null);
    assert.strictEqual(completeAt('A: x {#trust | #me¦}').list, null);
    assert.strictEqual(completeAt('A: x \\{#tr¦').list, null);
    const s = study({ 'codebook.yaml': null, 'a.transcript.md': 'A: x {#tr¦}' });
    assert.strictEqual(complete(s.workspace.transcript(s.uri('a.transcript.md'))!, undefined, s.file('a.transcript.md').positions[0]), null);
  });

  it('offers informant ids with their attributes, and sources, in the front matter', () => {
    const informants = completeAt('---\ninformant: ¦\n---\n').list;
    assert.deepStrictEqual(
      informants?.items.map((item) => [item.label, item.detail]),
      [
        ['A', 'owner · 25'],
        ['SR', 'customer · 24'],
        ['W', 'customer'],
      ],
    );
    assert.deepStrictEqual(labels(completeAt('---\nsource: obs¦\n---\n').list), ['interview', 'observation', 'documentation']);
  });

  it('offers the speaker labels for `interviewer:`, and the unmapped ones under `speakers:`', () => {
    const body = 'P: tanya\n\nR: jawab\n\nS: lagi\n';
    assert.deepStrictEqual(labels(completeAt(`---\ninterviewer: ¦\n---\n${body}`).list), ['P', 'R', 'S']);
    const key = completeAt(`---\ninterviewer: P\nspeakers:\n  S: SR\n  ¦\n---\n${body}`).list;
    assert.deepStrictEqual(key?.items.map((item) => [item.label, (item.textEdit as TextEdit).newText]), [['R', 'R: ']]);
    assert.deepStrictEqual(labels(completeAt(`---\ninterviewer: P\nspeakers:\n  R: ¦\n---\n${body}`).list), ['A', 'SR', 'W']);
    assert.strictEqual(completeAt(`---\ninterviewer: P\n---\n¦${body}`).list, null);
  });
});
