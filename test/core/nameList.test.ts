// A document's names numbered from where they are written (`numberAt`) must get the number the
// name itself gets (`numberOf`), also for names whose hashes collide.
import * as assert from 'assert';
import { NameList } from '../../server/src/core/text/nameList';

describe('a document’s list of names', () => {
  it('numbers a name written in a text as the name itself, names with one hash apart', () => {
    // Pairs with the same 32-bit FNV-1a hash (found by searching five-letter names).
    const colliding = ['au80k', 'ba5pa', 'au80h', 'ba5pb'];
    const text = `x ${colliding.join(' ')} ${colliding.slice().reverse().join(' ')} 😀au80k ba5p trust/quality trust/qualit`;
    const list = new NameList();
    const reference = new Map<string, number>();
    for (const m of text.matchAll(/[^ 😀]+/gu)) {
      const number = list.numberAt(text, m.index!, m.index! + m[0].length);
      if (!reference.has(m[0])) reference.set(m[0], reference.size);
      assert.strictEqual(number, reference.get(m[0]), m[0]);
      assert.strictEqual(list.names[number], m[0]);
    }
    assert.deepStrictEqual(list.names, [...reference.keys()]);
    // A name numbered from its string first is found where it is written, and the other way round.
    assert.strictEqual(list.numberOf('ba5pa'), reference.get('ba5pa'));
    assert.strictEqual(list.numberOf('baru'), list.names.length - 1);
    assert.strictEqual(list.numberAt('kode baru', 5, 9), list.numberOf('baru'));
  });
});
