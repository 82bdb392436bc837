// Co-occurrence within N quotes, counted by hand on a small transcript.
import * as assert from 'assert';
import { cooccurrence, cooccurrenceQuotes } from '../../server/src/core/analyses/cooccurrence';
import { study } from '../helpers/project';

describe('co-occurrence within N quotes', () => {
  // Quotes of A, the interviewer's turns between them not counted: 0 trust, 1 price, 2 price.
  const s = study({ 'a.transcript.md': '---\ninterviewer: P\n---\nP: q\n\nA: x {#trust}\n\nP: q\n\nA: y {#price}\n\nP: q\n\nA: z {#price/discount}\n' });
  const project = s.workspace.projects.get('file:///study')!;
  const cell = (c: ReturnType<typeof cooccurrence>, a: string, b: string) => c.cells[c.codes.indexOf(a)][c.codes.indexOf(b)];

  it('counts the quotes of one code with a quote of the other at most N quotes away', () => {
    const one = cooccurrence(project, { within: { kind: 'near', quotes: 1 } });
    assert.deepStrictEqual([cell(one, 'trust', 'price'), cell(one, 'price', 'trust'), cell(one, 'price', 'price'), cell(one, 'trust', 'trust')], [1, 1, 2, 1]);
    const two = cooccurrence(project, { within: { kind: 'near', quotes: 2 } });
    assert.deepStrictEqual([cell(two, 'trust', 'price'), cell(two, 'price', 'trust'), cell(two, 'price/discount', 'trust')], [1, 2, 1]);
    assert.deepStrictEqual([cell(cooccurrence(project), 'trust', 'price'), cell(cooccurrence(project), 'price', 'price/discount')], [0, 1]);
    assert.deepStrictEqual(cooccurrenceQuotes(project, 'price', 'trust', { within: { kind: 'near', quotes: 2 } }).map((q) => q.text), ['y', 'z']);
  });
});
