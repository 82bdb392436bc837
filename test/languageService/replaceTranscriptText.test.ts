// "Replace transcript text, keeping codings…" (languageService/replaceTranscriptText.ts): the edit
// carries the codings onto the new words as `qda import --onto` does, keeps the lost ones in the
// not-placed memo (made, or appended to), touches only the changed lines, and refuses with the
// reason where it cannot. Edits are applied with vscode-languageserver-textdocument, not ours.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { changedLines, replaceTranscriptText } from '../../server/src/languageService/replaceTranscriptText';
import { LineIndex } from '../../server/src/core/text/text';
import { study } from '../helpers/project';

const transcript = `---
informant: A
interviewer: P
---
# Wawancara dengan A

P: Kenapa memilih toko ini?

A: [Modelnya selalu baru, jadi saya tidak ketinggalan tren.]{#trust/quality}

P: Pernah merekomendasikan?

A: [Sering. Teman satu kos saya juga jadi pelanggan.]{#trust/testimonials | teman kos}
`;

/** The new transcription: a word added in the first answer, the second answer said otherwise. */
const newWords = 'P: Kenapa memilih toko ini?\nA: Modelnya selalu baru, jadi saya tidak pernah ketinggalan tren.\nP: Pernah merekomendasikan?\nA: Tidak.\n';
const asFile = (text: string, name = 'a-baru.txt') => ({ name, base64: Buffer.from(text).toString('base64') });
const today = '2024-05-01';

/** Every file the edit touches, with its text after the edit (`before`: the texts as they were). */
function applied(edit: WorkspaceEdit, before: Record<string, string>): Record<string, string> {
  const after: Record<string, string> = {};
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.strictEqual(change.kind, 'create');
      after[(change as CreateFile).uri] = '';
      continue;
    }
    const { textDocument, edits } = change as TextDocumentEdit;
    const text = after[textDocument.uri] ?? before[textDocument.uri];
    assert.notStrictEqual(text, undefined, `an edit of ${textDocument.uri}, which neither exists nor is made`);
    after[textDocument.uri] = TextDocument.applyEdits(TextDocument.create(textDocument.uri, 'x', 0, text), edits as never);
  }
  return after;
}

describe('Replace transcript text, keeping codings… (languageService/replaceTranscriptText.ts)', () => {
  it('carries the codings onto the new words and keeps the one whose words are gone in a new memo', async () => {
    const s = study({ 'interviews/a.transcript.md': transcript });
    const uri = s.uri('interviews/a.transcript.md');
    const result = await replaceTranscriptText(s.workspace, uri, asFile(newWords), {}, today);
    assert.ok('ok' in result, JSON.stringify(result));
    const { edit, codings, carried, notPlaced, memo } = result.ok;
    assert.deepStrictEqual([codings, carried, notPlaced.map((c) => [c.code, c.text]), memo], [2, 1, [['trust/testimonials', 'Sering. Teman satu kos saya juga jadi pelanggan.']], 'memos/not-placed/a.md']);
    const memoUri = s.uri('memos/not-placed/a.md');
    const files = applied(edit, { [uri]: transcript });
    assert.deepStrictEqual(Object.keys(files), [uri, memoUri]);
    // The front matter and the heading stay (the new file has none); the words are the new ones, the first coding on them.
    assert.strictEqual(
      files[uri],
      `---
informant: A
interviewer: P
---
# Wawancara dengan A

P: Kenapa memilih toko ini?

A: [Modelnya selalu baru, jadi saya tidak pernah ketinggalan tren.]{#trust/quality}

P: Pernah merekomendasikan?

A: Tidak.
`,
    );
    // Line 13 of the old text was its last answer; line 13 of the new one is 'A: Tidak.'.
    assert.strictEqual(
      files[memoUri],
      `# Codings not placed: interviews/a.transcript.md

## Re-transcribed from a-baru.txt, ${today}

Their words were gone from the transcript; each is kept here with its code, its words and where it was.

- #trust/testimonials on “Sering. Teman satu kos saya juga jadi pelanggan.”: our line 13 (A), near line 13 now. Memo: teman kos
`,
    );
    // Only the changed lines: the edit starts after the lines both texts share.
    const transcriptEdit = (edit.documentChanges![0] as TextDocumentEdit).edits[0];
    assert.deepStrictEqual(transcriptEdit.range.start, { line: 8, character: 0 });
  });

  it('appends to the memo the project already has, without making it again', async () => {
    const existing = '# Codings not placed: interviews/a.transcript.md\n\nEarlier.\n';
    const s = study({ 'interviews/a.transcript.md': transcript, 'memos/not-placed/a.md': existing });
    const uri = s.uri('interviews/a.transcript.md');
    const memoUri = s.uri('memos/not-placed/a.md');
    const result = await replaceTranscriptText(s.workspace, uri, asFile(newWords), {}, today);
    assert.ok('ok' in result, JSON.stringify(result));
    assert.ok(!(result.ok.edit.documentChanges ?? []).some((c) => 'kind' in c), 'no file made');
    const memoText = applied(result.ok.edit, { [uri]: transcript, [memoUri]: existing })[memoUri];
    assert.ok(memoText.startsWith(`${existing}\n## Re-transcribed from a-baru.txt, ${today}\n`), memoText);
  });

  it('makes no memo when every coding is carried, and labels named speakers as asked', async () => {
    const s = study({ 'interviews/a.transcript.md': transcript });
    const uri = s.uri('interviews/a.transcript.md');
    const vtt = 'WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ani Lestari>Modelnya selalu baru, jadi saya tidak ketinggalan tren.\n\n00:04.000 --> 00:06.000\n<v Ani Lestari>Sering. Teman satu kos saya juga jadi pelanggan.\n';
    const unlabelled = await replaceTranscriptText(s.workspace, uri, asFile(vtt, 'a.vtt'), {}, today);
    assert.ok('ok' in unlabelled, JSON.stringify(unlabelled));
    assert.deepStrictEqual(unlabelled.ok.speakers.map((sp) => [sp.name, sp.label]), [['Ani Lestari', 'AL']]);
    const result = await replaceTranscriptText(s.workspace, uri, asFile(vtt, 'a.vtt'), { speakers: { 'Ani Lestari': 'A' } }, today);
    assert.ok('ok' in result, JSON.stringify(result));
    assert.deepStrictEqual([result.ok.carried, result.ok.codings, result.ok.memo], [2, 2, undefined]);
    const text = applied(result.ok.edit, { [uri]: transcript })[uri];
    // One speaker's cues make one turn, timed at its first.
    assert.match(text, /^A: \[00:00:01\] \[Modelnya selalu baru, jadi saya tidak ketinggalan tren\.\]\{#trust\/quality\} \[Sering\. Teman satu kos saya juga jadi pelanggan\.\]\{#trust\/testimonials \| teman kos\}$/m);
  });

  it('refuses a file it cannot read, and a file that is no transcript, saying why', async () => {
    const s = study({ 'interviews/a.transcript.md': transcript });
    const uri = s.uri('interviews/a.transcript.md');
    assert.deepStrictEqual(await replaceTranscriptText(s.workspace, uri, asFile('%PDF', 'a.pdf'), {}, today), {
      error: `a.pdf: not a format the importer reads (WebVTT (Zoom, Teams, Whisper), SubRip (.srt), Whisper's JSON, Whisper's TSV, Otter's text export, oTranscribe (.otr), Word (.docx), plain text with "Name:" lines); a.transcript.md is unchanged.`,
    });
    assert.deepStrictEqual(await replaceTranscriptText(s.workspace, s.uri('codebook.yaml'), asFile(newWords), {}, today), {
      error: 'This file is not a transcript: open the transcript whose text to replace.',
    });
  });

  it('edits whole lines only, and the edit gives the new text exactly (CRLF, emoji, any change)', () => {
    const line = fc.constantFrom('A: satu', 'P: dua 😀', 'A: [tiga]{#x}', '', 'é');
    const text = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ''));
    fc.assert(
      fc.property(text, text, (old, next) => {
        const edit = changedLines(old, next, new LineIndex(old));
        assert.strictEqual(edit.range.start.character, 0);
        assert.ok(edit.range.end.character === 0 || edit.range.end.line === new LineIndex(old).positionAt(old.length).line);
        assert.strictEqual(TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, old), [edit as TextEdit]), next);
      }),
      { numRuns: 500 },
    );
  });
});
