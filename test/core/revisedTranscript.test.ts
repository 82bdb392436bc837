// A coder's transcript read as the first coder's with the changed chunks parsed apart: which turn
// is whose, and the chunks it will not take.
import * as assert from 'assert';
import { RevisedTranscript, type ChangedChunk } from '../../server/src/core/model/revisedTranscript';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { fixture } from '../helpers/fixture';

/** The spans of a fixture's marked ranges, as offsets. */
function spansOf(marked: string): { text: string; spans: { start: number; end: number }[] } {
  const f = fixture(marked);
  let from = 0;
  const spans = f.texts.map((t) => {
    const start = f.text.indexOf(t, from);
    from = start + t.length;
    return { start, end: start + t.length };
  });
  return { text: f.text, spans };
}

const base = spansOf(`---
interviewer: P
---
P: Kenapa belanja di sini?

⟦SR: Karena [murah]{#price} dan cepat. {#trust}

⟧P: Lalu?

⟦SR: Saya percaya 😀 {-}
⟧`);

describe('revised transcript', () => {
  it("gives each of the first coder's turns in a changed chunk the coder's turn from the changes, and the others the first coder's own", () => {
    const first = parseTranscript(base.text);
    const changes = spansOf(`
⟦SR: Karena murah dan [cepat]{#speed}. {#trust}

⟧⟦SR: Saya percaya 😀 {#trust}
⟧`);
    const chunks: ChangedChunk[] = base.spans.map((b, i) => ({ base: b, change: changes.spans[i] }));
    const revised = RevisedTranscript.of(first, parseTranscript(changes.text), chunks)!;
    assert.ok(revised);
    // Turns 0 and 2 (the interviewer's) are the first coder's; 1 and 3 are the changes' 0 and 1.
    assert.deepStrictEqual([0, 1, 2, 3].map((t) => revised.isUnchanged(t)), [true, false, true, false]);
    assert.deepStrictEqual([0, 1, 2, 3].map((t) => [revised.parsedOf(t) === first ? 'first' : 'changes', revised.turnOf(t)]), [
      ['first', 0],
      ['changes', 0],
      ['first', 2],
      ['changes', 1],
    ]);
    const codes = (t: number) => {
      const parsed = revised.parsedOf(t);
      const turn = revised.turnOf(t);
      const from = parsed.firstCodingOf(turn);
      return Array.from({ length: parsed.codingCountOf(turn) }, (_, i) => parsed.codeOfCoding(from + i));
    };
    assert.deepStrictEqual(codes(1), ['speed', 'trust']);
    assert.deepStrictEqual(codes(3), ['trust']);
  });

  it('takes no chunk whose plain text, speakers or number of turns differ', () => {
    const first = parseTranscript(base.text);
    const refused = (changed: string) => {
      const changes = spansOf(changed);
      return RevisedTranscript.of(first, parseTranscript(changes.text), base.spans.map((b, i) => ({ base: b, change: changes.spans[i] }))) === undefined;
    };
    // The same text, other codes: taken.
    assert.strictEqual(refused(`\n⟦SR: Karena murah dan cepat. {#trust}\n\n⟧⟦SR: Saya percaya 😀 {-}\n⟧`), false);
    // A word changed.
    assert.strictEqual(refused(`\n⟦SR: Karena mahal dan cepat. {#trust}\n\n⟧⟦SR: Saya percaya 😀 {-}\n⟧`), true);
    // Another speaker.
    assert.strictEqual(refused(`\n⟦AY: Karena murah dan cepat. {#trust}\n\n⟧⟦SR: Saya percaya 😀 {-}\n⟧`), true);
    // A turn more in the chunk.
    assert.strictEqual(refused(`\n⟦SR: Karena murah dan cepat. {#trust}\nP: Oh.\n\n⟧⟦SR: Saya percaya 😀 {-}\n⟧`), true);
    // Chunks out of order.
    const changes = spansOf(`\n⟦SR: Karena murah dan cepat. {#trust}\n\n⟧⟦SR: Saya percaya 😀 {-}\n⟧`);
    assert.strictEqual(RevisedTranscript.of(first, parseTranscript(changes.text), [{ base: base.spans[1], change: changes.spans[1] }, { base: base.spans[0], change: changes.spans[0] }]), undefined);
  });
});
