// Code suggestions (docs/suggestions.md): the right code first where it is unambiguous, nothing
// for a code never used, the coded segments as the issue defines them, and the model followed
// edit by edit equal to the model trained from scratch (property test).
import * as assert from 'assert';
import fc from 'fast-check';
import { machineCodedTranscripts } from '../../server/src/core/analyses/machineCoder';
import { codedSegments, projectSegments, suggestCodes, SuggestionModel } from '../../server/src/core/analyses/suggestions';
import { evaluateSuggestions } from '../../server/src/core/analyses/suggestionQuality';
import { FeatureExtractor, wordsOf } from '../../server/src/core/analyses/textFeatures';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { studyRoot, study } from '../helpers/project';

const codebook = `food:
  description: Eating.
  codes:
    rice: {label: Nasi, description: Meals of rice, example: makan nasi goreng}
    noodles: {label: Mie, description: Noodle dishes}
transport:
  codes:
    bus: {label: Bis kota, description: Taking the city bus}
    unused: {label: Nasi bungkus, description: Never applied, example: nasi goreng nasi uduk nasi padang}
`;

const interview = (id: string, answers: string[]) => `---\ninformant: ${id}\ninterviewer: P\n---\n${answers.map((a) => `P: Lalu?\n\n${id}: ${a}\n`).join('\n')}`;

const files = {
  'codebook.yaml': codebook,
  'informants.yaml': 'A: {}\nB: {}\n',
  'a.transcript.md': interview('A', [
    '[Saya makan nasi goreng setiap pagi.]{#food/rice} Enak.',
    'Naik bis kota ke kampus, haltenya dekat. {#transport/bus}',
    '[Mie ayam]{#food/noodles} dan [nasi uduk]{#food/rice} di warung.',
  ]),
  'b.transcript.md': interview('B', [
    'Nasinya pulen, nasi putih hangat. {#food/rice}',
    'Bisnya penuh, halte ramai sekali. {#transport/bus}',
    'Mienya kenyal, mie goreng pedas. {#food/noodles}',
    'Kalau lapar saya pesan nasi goreng telur.',
    'Tadi pagi menunggu bis di halte.',
  ]),
};

describe('code suggestions', () => {
  it('reads coded segments: one per coded extent with the set of its codes, a whole-turn coding with its turn\'s words', () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('a.transcript.md'))!;
    const segments = codedSegments(project, project.index.documents.get(uri('a.transcript.md'))!);
    assert.deepStrictEqual(
      segments.map((s) => [s.line, s.text, s.codes]),
      [
        [7, 'Saya makan nasi goreng setiap pagi.', ['food/rice']],
        [11, 'Naik bis kota ke kampus, haltenya dekat.', ['transport/bus']],
        [15, 'Mie ayam', ['food/noodles']],
        [15, 'nasi uduk', ['food/rice']],
      ],
    );
  });

  it('puts the unambiguous code first, with the coded passages most like the quote as the reason', () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('b.transcript.md'))!;
    const suggestions = suggestCodes(project);
    assert.deepStrictEqual(
      suggestions.map((s) => [s.path, s.line, s.informant, s.text, s.codes[0].code]),
      [
        ['b.transcript.md', 19, 'B', 'Kalau lapar saya pesan nasi goreng telur.', 'food/rice'],
        ['b.transcript.md', 23, 'B', 'Tadi pagi menunggu bis di halte.', 'transport/bus'],
      ],
    );
    // The rice passage that shares "nasi goreng" is the first reason.
    assert.deepStrictEqual(suggestions[0].codes[0].because[0], { path: 'a.transcript.md', line: 7, text: 'Saya makan nasi goreng setiap pagi.' });
    assert.ok(suggestions[0].codes[0].score > suggestions[0].codes[1].score);
  });

  it('never suggests a code nobody used, however like the quote its codebook entry is', () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('b.transcript.md'))!;
    const suggested = suggestCodes(project, project.index.untaggedQuotes(), { codes: 10 }).flatMap((s) => s.codes.map((c) => c.code));
    assert.ok(suggested.includes('food/rice'));
    assert.ok(!suggested.includes('transport/unused'));
    // Once used, it is suggested.
    workspace.setFile(uri('a.transcript.md'), `${files['a.transcript.md']}\nA: [Nasi bungkus]{#transport/unused}\n`);
    const after = suggestCodes(project, project.index.untaggedQuotes(), { codes: 10 }).flatMap((s) => s.codes.map((c) => c.code));
    assert.ok(after.includes('transport/unused'));
  });

  it('reads words in any script, case and composition alike', () => {
    assert.deepStrictEqual(wordsOf('Árvíztűrő TÜKÖRFÚRÓGÉP, e\u0301n — 3 kali! #promo'), ['árvíztűrő', 'tükörfúrógép', 'én', '3', 'kali', 'promo']);
    const extractor = new FeatureExtractor();
    assert.deepStrictEqual(extractor.countsOf('Nasi NASI'), extractor.countsOf('nasi nasi'));
    // `<nasi>` gives 4-grams <nas nasi asi>, 5-grams <nasi nasi>, a 6-gram <nasi>: six features, each twice.
    assert.deepStrictEqual([...extractor.countsOf('nasi nasi').counts], [2, 2, 2, 2, 2, 2]);
  });

  it('codes each quote of a transcript by a model trained without it, keeping every word', () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('b.transcript.md'))!;
    const coded = machineCodedTranscripts(project);
    assert.deepStrictEqual(coded.map((t) => [t.path, t.quotes, t.reason]), [['a.transcript.md', 3, undefined], ['b.transcript.md', 5, undefined]]);
    for (const t of coded) {
      const original = project.index.documents.get(`${studyRoot}/${t.path}`)!.parsed;
      const again = parseTranscript(t.text!);
      assert.strictEqual(again.plainText, original.plainText);
      // Every quote holds one tag block, and nothing else is coded.
      for (let turn = 0; turn < again.turnCount; turn++) assert.strictEqual(again.tagBlockCountOf(turn), again.isQuote(turn) ? 1 : 0);
    }
    // b's untagged rice quote, coded by a model that knows rice only from a.
    assert.match(coded[1].text!, /B: Kalau lapar saya pesan nasi goreng telur\. \{#food\/rice\}/);
  });

  it('leaves out, with the reason, a transcript it cannot write again with the same words', () => {
    const { workspace, uri } = study({ ...files, 'c.transcript.md': interview('A', ['Kode `[x]{#y}` di Markdown. {#food/rice}', 'Biasa saja.']) });
    const project = workspace.projectFor(uri('c.transcript.md'))!;
    const coded = machineCodedTranscripts(project).find((t) => t.path === 'c.transcript.md')!;
    assert.deepStrictEqual([coded.text, coded.reason], [undefined, 'its text could not be written again without its markup (Markdown code or a line that would start a turn); left out']);
  });

  it('evaluates every segment once, in the fold its path and start give', () => {
    const { workspace, uri } = study(files);
    const project = workspace.projectFor(uri('b.transcript.md'))!;
    const quality = evaluateSuggestions(project, { folds: 3 });
    assert.strictEqual(quality.segments.length, projectSegments(project).length);
    assert.deepStrictEqual(quality.segments.map((s) => s.fold), evaluateSuggestions(project, { folds: 3 }).segments.map((s) => s.fold));
    assert.ok(quality.segments.every((s) => s.fold >= 0 && s.fold < 3));
  });

  it('follows edits to exactly the model trained from scratch (property)', function () {
    // Each run trains two models and makes three scorers (a few MB each): slow on a busy machine.
    this.timeout(300000);
    const words = ['nasi', 'goreng', 'bis', 'halte', 'mie', 'ayam', 'Pagi', 'pedas', 'kota', 'warung', 'é', '😀', 'Árvíz'];
    const codes = ['food/rice', 'food/noodles', 'transport/bus', 'food', 'nope/unknown'];
    const phrase = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
    const answer = fc.oneof(
      phrase,
      fc.tuple(phrase, fc.subarray(codes, { minLength: 1 })).map(([p, c]) => `${p} {${c.map((x) => `#${x}`).join(' ')}}`),
      fc.tuple(phrase, phrase, fc.constantFrom(...codes), phrase).map(([a, b, c, d]) => `${a} [${b}]{#${c}} ${d}`),
      fc.tuple(phrase, phrase, fc.constantFrom(...codes), fc.constantFrom(...codes)).map(([a, b, c, d]) => `[${a} [${b}]{#${c}}]{#${d}}`),
    );
    const transcript = fc.array(answer, { maxLength: 5 }).map((answers) => interview('A', answers));
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), name: fc.constantFrom('a', 'b', 'c'), text: transcript }),
      fc.record({ kind: fc.constant('delete' as const), name: fc.constantFrom('a', 'b', 'c') }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), (edits) => {
        const { workspace, uri } = study({ 'codebook.yaml': codebook, 'a.transcript.md': files['a.transcript.md'], 'b.transcript.md': files['b.transcript.md'] });
        const project = workspace.projectFor(uri('a.transcript.md'))!;
        const live = new SuggestionModel(project);
        live.scorer();
        for (const e of edits) {
          if (e.kind === 'set') workspace.setFile(uri(`${e.name}.transcript.md`), e.text);
          else workspace.deleteFile(uri(`${e.name}.transcript.md`));
        }
        const fresh = new SuggestionModel(project, undefined, undefined, false);
        assert.deepStrictEqual(live.counts.snapshot(), fresh.counts.snapshot());
        const quotes = project.index.untaggedQuotes();
        assert.deepStrictEqual(suggestCodes(project, quotes, {}, live), suggestCodes(project, quotes, {}, fresh));
        live.stop();
      }),
      { numRuns: 80 },
    );
  });
});
