// Hover: a code's definition, rules and counts; an informant's attributes and counts.
import * as assert from 'assert';
import { hover } from '../../server/src/languageService/navigation';
import { codebookYaml, study } from '../helpers/project';

describe('hover', () => {
  // Counted by hand: A has 3 quotes and 5 codings (quality twice, testimonials, qualty, trust);
  // trust/quality has 2 codings, the theme trust 4 (qualty is not in the codebook), all A's.
  const s = study({
    'codebook.yaml': codebookYaml.replace('    quality:\n', '    ⟦qu¦ality⟧:\n'),
    'a.transcript.md': `---
informant: A
interviewer: P
---
P: Bagaimana menjaga kualitas? ¦

⟦¦A⟧: [Foto asli]{#⟦trust/qu¦ality⟧} dan [testimoni]{#trust/testimonials #trust/quality | #catatan¦}.

A: [Harga]{#⟦tru¦st/qualty⟧} murah.

A: Pokoknya percaya. {#⟦¦trust⟧}
`,
    'sr.transcript.md': `---
informant: ⟦S¦R⟧
interviewer: P
speakers: {R: SR}
---
P: Kenapa?

R: [Murah]{#price/discount}.
`,
  });
  const quality = [
    '**trust/quality** · Kualitas',
    '',
    'Goods arrive as shown\\.',
    '',
    '*Include:* Real photos\\.  ',
    '*Exclude:* Price alone\\.  ',
    '*Example:* Barangnya sama dengan foto\\.  ',
    '',
    '2 codings · 1/3 informants',
  ].join('\n');
  const markdown = (value: string) => ({ kind: 'markdown', value });

  it("shows a code's definition, rules and counts, at the code in a tag", () => {
    const a = s.file('a.transcript.md');
    assert.deepStrictEqual(hover(s.workspace, s.uri('a.transcript.md'), a.positions[2]), { contents: markdown(quality), range: a.ranges[1] });
  });

  it('shows the same from the codebook key', () => {
    const { uri, position } = s.at('codebook.yaml');
    assert.deepStrictEqual(hover(s.workspace, uri, position), { contents: markdown(quality), range: s.file('codebook.yaml').ranges[0] });
  });

  it("counts a theme's codings with its codes', from the `#` on", () => {
    const a = s.file('a.transcript.md');
    assert.deepStrictEqual(hover(s.workspace, s.uri('a.transcript.md'), a.positions[5]), {
      contents: markdown('**trust** · Kepercayaan\n\nBuyers believe the shop\\.\n\n4 codings · 1/3 informants'),
      range: a.ranges[3],
    });
  });

  it('says a code is not in the codebook', () => {
    const a = s.file('a.transcript.md');
    assert.deepStrictEqual(hover(s.workspace, s.uri('a.transcript.md'), a.positions[4]), {
      contents: markdown('**trust/qualty**\n\nNot in codebook.yaml.'),
      range: a.ranges[2],
    });
  });

  it("shows a speaker's informant with attributes and counts", () => {
    const a = s.file('a.transcript.md');
    assert.deepStrictEqual(hover(s.workspace, s.uri('a.transcript.md'), a.positions[1]), {
      contents: markdown('**A**\n\nrole: owner  \nage: 25  \n\n3 quotes · 5 codings'),
      range: a.ranges[0],
    });
  });

  it("shows the front matter's informant, one quote and one coding in the singular", () => {
    const sr = s.file('sr.transcript.md');
    assert.deepStrictEqual(hover(s.workspace, s.uri('sr.transcript.md'), sr.positions[0]), {
      contents: markdown('**SR**\n\nrole: customer  \nage: 24  \n\n1 quote · 1 coding'),
      range: sr.ranges[0],
    });
  });

  it('shows nothing in plain text, in a memo, past the end or outside the study', () => {
    const a = s.file('a.transcript.md');
    const uri = s.uri('a.transcript.md');
    assert.strictEqual(hover(s.workspace, uri, a.positions[0]), null);
    assert.strictEqual(hover(s.workspace, uri, a.positions[3]), null);
    assert.strictEqual(hover(s.workspace, uri, { line: 999, character: 999 }), null);
    assert.strictEqual(hover(s.workspace, 'file:///elsewhere/x.transcript.md', { line: 0, character: 0 }), null);
  });

  it('counts a code\'s informants among every informant, those only a transcript names too (never more carriers than informants)', () => {
    // informants.yaml lists A only; the transcript maps R to X, whom it does not list: A and X carry t/a.
    const t = study({
      'codebook.yaml': 't:\n  codes:\n    a: {}\n',
      'informants.yaml': 'A: {role: owner}\n',
      'x.transcript.md': '---\ninterviewer: P\nspeakers: {R: X}\n---\nP: Kenapa?\n\nA: Satu {#⟦t¦/a⟧}\n\nR: Dua {#t/a}\n',
    });
    const { uri, position } = t.at('x.transcript.md');
    const shown = (hover(t.workspace, uri, position)!.contents as { value: string }).value;
    assert.ok(shown.endsWith('\n\n2 codings · 2/2 informants'), shown);
  });
});
