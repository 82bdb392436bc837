// "Code as …" quick fixes on an untagged quote: offered for the codes whose cross-validated kappa
// reaches minKappa, none when the setting is off; accepting writes the tag block and the quote is
// no longer untagged. Edits are applied with vscode-languageserver-textdocument.
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../server/src/languageService/codeActions';
import { diagnoseTranscript } from '../../server/src/core/project/diagnostics';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { study } from '../helpers/project';
import { qualityTable, suggestionStudyFiles } from '../helpers/suggestionStudy';

const files = suggestionStudyFiles('Saya pesan nasi goreng telur.');
const everywhere = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };

describe('code suggestions as quick fixes', () => {
  const s = study(files);
  const uri = s.uri('w.transcript.md');
  const offered = (kappas: Record<string, number | null>, enabled = true, minKappa = 0.4) =>
    codeActions(s.workspace, uri, everywhere, { untaggedQuote: 'warning' }, { settings: { enabled, minKappa }, quality: () => qualityTable(kappas) }).filter((a) => a.title.startsWith('Code as'));

  it('offers the codes whose kappa reaches minKappa, best first, with the most alike passage', () => {
    const actions = offered({ 'food/rice': 0.5, 'food/noodles': 0.45, 'transport/bus': 0.9 });
    assert.deepStrictEqual(actions.map((a) => a.title.replace(/— \d\.\d\d/, '— S')), ['Code as food/rice — S, like sr line 7', 'Code as food/noodles — S, like sr line 9']);
    assert.deepStrictEqual(offered({ 'food/rice': 0.39, 'food/noodles': null, 'transport/bus': 0.9 }), []);
    assert.deepStrictEqual(offered({ 'food/rice': 0.39 }, true, 0.3).length, 1);
    assert.deepStrictEqual(offered({ 'food/rice': 0.9, 'food/noodles': 0.9 }, false), []);
  });

  it('writes the tag block, and the quote is untagged no more', () => {
    const [action] = offered({ 'food/rice': 0.5 });
    const text = s.file('w.transcript.md').text;
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'qda-transcript', 1, text), action.edit!.changes![uri]);
    assert.strictEqual(after, text.replace('telur.', 'telur. {#food/rice}'));
    const project = s.workspace.projectFor(uri)!;
    const untagged = (t: string) => diagnoseTranscript(parseTranscript(t), project, { untaggedQuote: 'warning' }).filter((d) => d.code === 'untagged-quote').length;
    assert.deepStrictEqual([untagged(text), untagged(after)], [1, 0]);
    assert.strictEqual(parseTranscript(after).plainText, parseTranscript(text).plainText);
  });
});
