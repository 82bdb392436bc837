import * as assert from 'assert';
import { diagnoseCodebook, diagnoseTranscript, diagnoseWorkspace } from '../../server/src/core/project/diagnostics';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { QdaWorkspace, type Project } from '../../server/src/core/project/workspace';
import { fixture, r } from '../helpers/fixture';

const codebookText = `trust:
  description: Trust.
  codes:
    quality: {description: Quality.}
    testimonial: {description: Testimonials.}
price:
  description: Price.
  codes:
    discount: {description: Discounts.}
    low-price: {description: Low prices.}
engagement:
  description: Engagement.
`;

async function project(transcripts: Record<string, string>, informants: string | null = 'A: {role: owner}\nSR: {role: customer}\n'): Promise<Project> {
  const files: Record<string, string> = { 'file:///p/codebook.yaml': codebookText, ...transcripts };
  if (informants !== null) files['file:///p/informants.yaml'] = informants;
  const workspace = new QdaWorkspace(new MemoryFileSystem(files));
  await workspace.addFolder('file:///p');
  return workspace.projects.get('file:///p')!;
}

function diagnose(p: Project, uri: string, options = { untaggedQuote: 'warning' as const }) {
  return diagnoseTranscript(p.index.documents.get(uri)!.parsed, p, options).map((d) => `${d.code} ${d.severity} ${r(d.range)}`);
}

describe('diagnostics', () => {
  it('flags an untagged quote on its speaker label, with a configurable severity', async () => {
    const f = fixture('---\ninterviewer: P\n---\nP: tanya\n\n⟦SR⟧: jawab\n\nSR: sudah {-}\nA: [ya]{#trust}\n');
    const p = await project({ 'file:///p/a.transcript.md': f.text });
    assert.deepStrictEqual(diagnose(p, 'file:///p/a.transcript.md'), [`untagged-quote warning ${r(f.ranges[0])}`]);
    assert.deepStrictEqual(diagnose(p, 'file:///p/a.transcript.md', { untaggedQuote: 'hint' as never }), [`untagged-quote hint ${r(f.ranges[0])}`]);
    assert.deepStrictEqual(diagnose(p, 'file:///p/a.transcript.md', { untaggedQuote: 'off' as never }), []);
  });

  it('flags unknown codes with the closest codebook codes suggested', async () => {
    const f = fixture('SR: [a]{#⟦trust/qualty⟧} {#⟦Price/Discount⟧ #⟦xyz⟧}');
    const p = await project({ 'file:///p/a.transcript.md': f.text });
    const diagnostics = diagnoseTranscript(p.index.documents.get('file:///p/a.transcript.md')!.parsed, p);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, d.severity, r(d.range), d.data?.suggestions, d.message]),
      [
        ['unknown-code', 'error', r(f.ranges[0]), ['trust/quality'], "Unknown code 'trust/qualty': it is not in codebook.yaml. Did you mean 'trust/quality'?"],
        ['unknown-code', 'error', r(f.ranges[1]), ['price/discount'], "Unknown code 'Price/Discount': it is not in codebook.yaml. Did you mean 'price/discount'?"],
        ['unknown-code', 'error', r(f.ranges[2]), [], "Unknown code 'xyz': it is not in codebook.yaml."],
      ],
    );
  });

  it('flags a speaker that maps to no informant once per label, and informant ids not in informants.yaml', async () => {
    const f = fixture('---\ninformant: ⟦SX⟧\ninterviewer: P\nspeakers: {R: ⟦AA⟧, S: SR}\n---\n⟦Ibu⟧: satu {-}\nIbu: dua {-}\nR: tiga {-}\nS: empat {-}\nP: lima\n');
    const p = await project({ 'file:///p/a.transcript.md': f.text });
    const diagnostics = diagnoseTranscript(p.index.documents.get('file:///p/a.transcript.md')!.parsed, p);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, r(d.range)]),
      [
        ['unknown-informant', r(f.ranges[0])],
        ['unknown-informant', r(f.ranges[1])],
        ['unmapped-speaker', r(f.ranges[2])],
      ],
    );
    assert.strictEqual(
      diagnostics[2].message,
      "The speaker 'Ibu' is not an informant (2 turns): map it under 'speakers:' in the front matter.",
    );
  });

  it('does not check informants when the project has no informants.yaml', async () => {
    const p = await project({ 'file:///p/a.transcript.md': '---\ninformant: Z\n---\nZ: ya {-}' }, null);
    assert.deepStrictEqual(diagnose(p, 'file:///p/a.transcript.md'), []);
  });

  it('keeps the parser problems', async () => {
    const p = await project({ 'file:///p/a.transcript.md': 'SR: {} ]{#trust} {#a' });
    assert.deepStrictEqual(
      diagnose(p, 'file:///p/a.transcript.md').map((d) => d.split(' ')[0]),
      ['empty-tag-block', 'unmatched-bracket', 'unterminated-tag-block'],
    );
  });

  it('flags a transcript outside every project', () => {
    assert.deepStrictEqual(
      diagnoseTranscript(parseTranscript('A: teks'), undefined).map((d) => `${d.code} ${d.severity} ${r(d.range)}`),
      ['outside-project warning 0:0-0:0'],
    );
  });

  it('hints at unused codebook codes, naming only the highest unused one', async () => {
    const p = await project({ 'file:///p/a.transcript.md': 'SR: [a]{#trust/quality}' });
    const codebook = fixture(codebookText.replace('testimonial:', '⟦testimonial⟧:').replace('price:', '⟦price⟧:').replace('engagement:', '⟦engagement⟧:'));
    assert.deepStrictEqual(
      diagnoseCodebook(p).map((d) => `${d.code} ${d.severity} ${r(d.range)} ${d.message}`),
      [
        `unused-code hint ${r(codebook.ranges[0])} No transcript uses the code 'trust/testimonial'.`,
        `unused-code hint ${r(codebook.ranges[1])} No transcript uses the code 'price' or any code below it.`,
        `unused-code hint ${r(codebook.ranges[2])} No transcript uses the code 'engagement'.`,
      ],
    );
  });

  it('diagnoses the whole workspace: codebook, informants, transcripts, loose and unreadable files', async () => {
    const fs = new MemoryFileSystem({
      'file:///w/p/codebook.yaml': 'trust:\n  description: x\n',
      'file:///w/p/informants.yaml': 'A: {}\nA: {}\n',
      'file:///w/p/a.transcript.md': 'A: [x]{#trust}',
      'file:///w/p/b.transcript.md': 'A: ya',
      'file:///w/loose.transcript.md': 'A: di luar',
      'file:///w/p/bad.transcript.md': '',
    });
    const read = fs.read.bind(fs);
    fs.read = async (uri) => (uri.endsWith('bad.transcript.md') ? Promise.reject(new Error('cannot read bad.transcript.md: it is a binary file, not UTF-8 text')) : read(uri));
    const workspace = new QdaWorkspace(fs);
    await workspace.addFolder('file:///w');
    assert.deepStrictEqual(
      diagnoseWorkspace(workspace).map((f) => [f.uri, f.diagnostics.map((d) => d.code)]),
      [
        ['file:///w/loose.transcript.md', ['outside-project']],
        ['file:///w/p/b.transcript.md', ['untagged-quote']],
        ['file:///w/p/bad.transcript.md', ['unreadable-file']],
        ['file:///w/p/informants.yaml', ['duplicate-informant']],
      ],
    );
  });
});
