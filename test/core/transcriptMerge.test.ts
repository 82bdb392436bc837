// The three-way merge of transcripts and of the project's YAML, on small examples whose results are
// written out in full (the properties are in transcriptMerge.property.test.ts).
import * as assert from 'assert';
import { mergeTranscripts, mergeWholeTranscripts } from '../../server/src/core/model/transcriptMerge';
import { mergeYaml } from '../../server/src/core/model/yamlMerge';
import { alignTexts, mapEnd, mapStart } from '../../server/src/core/model/wordAlignment';
import { scanConflicts } from '../../server/src/core/model/conflictMarkers';

describe('transcript merge', () => {
  const base = '---\ninformant: SR\ndate: 2022-11-27\n---\nP: Apa?\n\nA: [00:00:05] Baju murah, pasti.\n\nA: Kedua kali.\n';

  it('same words coded by both with different codes: one span with both codes; a timestamp and front matter changed on one side each taken', () => {
    const ours = base.replace('Baju murah, pasti.', '[Baju murah, pasti.]{#a}').replace('date: 2022-11-27', 'date: 2022-11-28');
    const theirs = base.replace('Baju murah, pasti.', '[Baju murah, pasti.]{#b}').replace('[00:00:05]', '[00:00:06]').replace('---\nP:', 'place: kos\n---\nP:');
    const merged = mergeTranscripts(base, ours, theirs);
    assert.deepStrictEqual(merged, {
      text: '---\ninformant: SR\ndate: 2022-11-28\nplace: kos\n---\nP: Apa?\n\nA: [00:00:06] [Baju murah, pasti.]{#a #b}\n\nA: Kedua kali.\n',
      conflicts: 0,
      carried: 0,
      notPlaced: [],
      notes: [],
    });
  });

  it('two turns with the same words, one coder moving a code from the first to the second and the other recoding the first: both changes kept', () => {
    // Read whole, one side's turns looked swapped (a deletion and an insertion further on), and the
    // other side's code, merged where the deletion was, was lost (a property test's counterexample).
    const text = (first: string, third: string) => `---\ninformant: SR\n---\nSR: ${first}\n\nP: ya murah saya pasti.\n\nSR: ${third}\n\nP: pasti. Kak, saya Kak,\n`;
    const o = text('[murah]{#trust}', 'murah');
    const a = text('murah', '[murah]{#trust}');
    const b = text('[murah]{#engagement/enthusiasm}', 'murah');
    const both = text('[murah]{#engagement/enthusiasm}', '[murah]{#trust}');
    assert.deepStrictEqual(mergeTranscripts(o, a, b), { text: both, conflicts: 0, carried: 0, notPlaced: [], notes: [] });
    assert.deepStrictEqual(mergeTranscripts(o, b, a), { text: both, conflicts: 0, carried: 0, notPlaced: [], notes: [] });
  });

  it('{-} on one side and codes on the other: the codes win, and the result says so', () => {
    const merged = mergeTranscripts(base, base.replace('Kedua kali.', 'Kedua kali. {-}'), base.replace('Kedua kali.', '[Kedua]{#a} kali.'));
    assert.strictEqual(merged.text, base.replace('Kedua kali.', '[Kedua]{#a} kali.'));
    assert.deepStrictEqual(merged.notes, ["The '{-}' of the turn at line 9 was dropped: the other side coded it."]);
  });

  it('a memo changed two ways is a conflict on its turn only, with git\'s markers and each side as written', () => {
    const coded = base.replace('Kedua kali.', '[Kedua]{#a | m}');
    const merged = mergeTranscripts(coded, coded.replace('| m}', '| m1}').replace('Apa?', 'Apa? {#b}'), coded.replace('| m}', '| m2}'));
    assert.strictEqual(merged.conflicts, 1);
    assert.strictEqual(
      merged.text,
      '---\ninformant: SR\ndate: 2022-11-27\n---\nP: Apa? {#b}\n\nA: [00:00:05] Baju murah, pasti.\n\n<<<<<<< ours\nA: [Kedua]{#a | m1}\n||||||| base\nA: [Kedua]{#a | m}\n=======\nA: [Kedua]{#a | m2}\n>>>>>>> theirs\n',
    );
    assert.strictEqual(scanConflicts(merged.text).regions.length, 1);
  });

  it('carries one side\'s codings over the other\'s corrected words, keeps line ends, and lists a coding whose words were deleted', () => {
    const crlf = 'A: Satu dua tiga.\r\n\r\nA: Empat lima.\r\n';
    const merged = mergeTranscripts(crlf, crlf.replace('dua', 'duaa').replace('Empat lima.', 'Enam.'), crlf.replace('Satu dua', '[Satu dua]{#a}').replace('lima', '[lima]{#b | catatan}'));
    assert.strictEqual(merged.text, 'A: [Satu duaa]{#a} tiga.\r\n\r\nA: Enam.\r\n');
    assert.deepStrictEqual(merged.notPlaced, [{ code: 'b', text: 'lima', memo: 'catatan', side: 'theirs', line: 3, speaker: 'A', near: 3 }]);
    assert.strictEqual(merged.carried, 1);
  });

  it('a turn deleted on one side takes its base coding with it, never the coding that side added to the next turn', () => {
    const coded = 'A: satu dua {#c}\n\nA: tiga empat\n';
    // Ours deleted the first turn and coded the next one #c; theirs coded a word of it, or removed the deleted turn's code.
    assert.strictEqual(mergeTranscripts(coded, 'A: tiga empat {#c}\n', 'A: satu dua {#c}\n\nA: tiga [empat]{#d}\n').text, 'A: tiga [empat]{#d} {#c}\n');
    assert.strictEqual(mergeTranscripts(coded, 'A: tiga empat {#c}\n', 'A: satu dua\n\nA: tiga empat\n').text, 'A: tiga empat {#c}\n');
    // A middle turn, and the coding added on the turn after it.
    const three = 'A: satu dua\n\nA: tiga empat {#c}\n\nA: lima enam\n';
    const merged = mergeTranscripts(three, 'A: satu dua\n\nA: lima enam {#c}\n', 'A: satu [dua]{#d}\n\nA: tiga empat {#c}\n\nA: lima enam\n');
    assert.deepStrictEqual([merged.text, merged.conflicts, merged.notPlaced], ['A: satu [dua]{#d}\n\nA: lima enam {#c}\n', 0, []]);
  });

  it('maps a code the codebook renamed (formerly) before merging', () => {
    const merged = mergeTranscripts('A: x y\n', 'A: [x]{#new}\u0020y\n', 'A: x [y]{#old}\n', { renames: new Map([['old', 'new']]) });
    assert.strictEqual(merged.text, 'A: [x]{#new} [y]{#new}\n');
    assert.deepStrictEqual(merged.notes, ['Renamed code old → new (codebook.yaml: formerly).']);
  });

  it('carries codings over an edit in a text repeated whole (no word is unique in it)', () => {
    const turn = (k: number) => `A: satu dua tiga.${k % 100 === 50 ? ' empat.' : ''}\n\n`;
    const base = Array.from({ length: 300 }, () => turn(0)).join('');
    const ours = Array.from({ length: 300 }, (_, k) => turn(k)).join('');
    const theirs = base.replaceAll('A: satu dua', 'A: [satu dua]{#a}');
    const merged = mergeTranscripts(base, ours, theirs);
    assert.deepStrictEqual([merged.notPlaced, merged.conflicts], [[], 0]);
    assert.strictEqual(merged.text, ours.replaceAll('A: satu dua', 'A: [satu dua]{#a}'));
  });

  it('an insertion on one side next to words the other side replaced is a conflict, as git\'s diff3 makes it, unless one side made the same change', () => {
    // "transfer uang" on one side, "bayar" for "transfer" on the other: "bayar uang" would be words no coder wrote.
    const plain = 'A: saya transfer ke toko.\n';
    const inserted = 'A: saya transfer uang ke toko.\n';
    const replaced = 'A: saya bayar ke toko.\n';
    const block = (ours: string, theirs: string) => `<<<<<<< ours\n${ours}||||||| base\n${plain}=======\n${theirs}>>>>>>> theirs\n`;
    assert.deepStrictEqual(mergeTranscripts(plain, inserted, replaced), { text: block(inserted, replaced), conflicts: 1, carried: 0, notPlaced: [], notes: [] });
    assert.deepStrictEqual(mergeTranscripts(plain, replaced, inserted), { text: block(replaced, inserted), conflicts: 1, carried: 0, notPlaced: [], notes: [] });
    // Both made the same change, and one side changed the next word too: taken, as nothing else differs.
    assert.strictEqual(mergeTranscripts(plain, 'A: saya bayar di toko.\n', replaced).text, 'A: saya bayar di toko.\n');
    // An untouched word between the two changes: both taken.
    assert.strictEqual(mergeTranscripts(plain, 'A: saya transfer ke toko baru.\n', replaced).text, 'A: saya bayar ke toko baru.\n');
  });

  it('aligns words: an insertion stays outside a coding that ends or starts next to it', () => {
    const alignment = alignTexts('satu dua tiga', 'satu baru dua tiga');
    assert.deepStrictEqual([mapStart(alignment, 5), mapEnd(alignment, 4), mapEnd(alignment, 8)], [10, 4, 13]);
  });

  it('aligns words before spaces: a word moved past a deleted one stays itself, though a space is found once on each side too', () => {
    // `hargay` is the only word the two stretches share; the space between the last two words is
    // also found once in each. Anchored on the space, `hargay` became `baruk`.
    const alignment = alignTexts('tertawax hargay tokoz', 'tertawax baruk hargay');
    assert.deepStrictEqual([mapStart(alignment, 9), mapEnd(alignment, 15)], [15, 21]);
    // A property test's counterexample, a turn merged on its own: ours' coding of `hargay` was listed as not placed.
    const turn = (text: string) => `---\ninformant: SR\ninterviewer: P\n---\nP: ${text}\n`;
    assert.deepStrictEqual(mergeTranscripts(turn('tertawax hargay tokoz'), turn('tertawax [hargay]{#trust} tokoz'), turn('tertawax baruk hargay')), {
      text: turn('tertawax baruk [hargay]{#trust}'),
      conflicts: 0,
      carried: 1,
      notPlaced: [],
      notes: [],
    });
  });

  it("a turn's coding one side removed is removed, though the other side deleted a word of it and wrote it as a span on the rest", () => {
    // Read whole, the deleted word went with the space before it (` hargav`), the base coding's
    // words began on that space, and theirs' `[pastiw]` was taken for a coding of its own.
    const text = (first: string, second: string) => `---\ninformant: SR\ninterviewer: P\n---\nSR: ${first}\n\nP: ${second}\n`;
    const base = text('emojih', 'hargav pastiw {#networks/friendship}');
    const ours = text('emojih', 'hargav pastiw');
    const theirs = text('emojihk', '[pastiw]{#networks/friendship}');
    for (const merge of [mergeTranscripts, mergeWholeTranscripts]) {
      assert.deepStrictEqual([merge(base, ours, theirs).text, merge(base, theirs, ours).text], [text('emojihk', 'pastiw'), text('emojihk', 'pastiw')], merge.name);
    }
  });

  it('lists the codings it could not place in the order of the file, merged whole or stretch by stretch', () => {
    const text = (first: string, second: string) => `---\ninformant: SR\n---\nP: ${first}\n\nP: ${second}\n`;
    const base = text('satu dua', 'tiga empat');
    const ours = text('dua', 'tiga [empat]{#c}');
    const theirs = text('[satu]{#d} dua', 'tiga');
    for (const merge of [mergeTranscripts, mergeWholeTranscripts]) {
      const merged = merge(base, ours, theirs);
      assert.deepStrictEqual([merged.text, merged.notPlaced.map((n) => [n.code, n.side, n.text, n.line])], [text('dua', 'tiga'), [['d', 'theirs', 'satu', 4], ['c', 'ours', 'empat', 6]]], merge.name);
    }
  });

  it("a turn's coding one side made a span on the same words is written as that side wrote it, not widened to the words added beside it", () => {
    // Both sides edit the turn, so it is merged word by word; theirs' `[…]{#c}` matches the base's
    // turn coding (the same code on the same words) and is written as theirs wrote it.
    const turn = (text: string) => `---\ninformant: SR\n---\nA: ${text}\n\nP: lagi\n`;
    const base = turn('murahab yabb {#networks/friendship}');
    const ours = turn('ya murahab yabb {#networks/friendship}');
    const theirs = turn('[murahab yabb]{#networks/friendship} baruk');
    for (const [a, b] of [[ours, theirs], [theirs, ours]]) {
      const merged = mergeTranscripts(base, a, b);
      assert.deepStrictEqual([merged.text, merged.conflicts, merged.notPlaced], [turn('ya [murahab yabb]{#networks/friendship} baruk'), 0, []]);
    }
    // With a memo: merged where the coding now is, not left on the turn it no longer codes (a
    // review found an unchanged memo made the turn a conflict); changed two ways, a conflict.
    const front = '---\ninterviewer: P\n---\n';
    const cases: [string, string, string, string | undefined][] = [
      ['A: kata murah {#x | m}\n', 'A: [kata murah]{#x | m}\n', 'A: kata murah sekali {#x | m}\n', 'A: [kata murah]{#x | m} sekali\n'],
      ['A: kata murah {#x | m}\n', 'A: [kata murah]{#x | m}\n', 'A: kata murah sekali {#x | m2}\n', 'A: [kata murah]{#x | m2} sekali\n'],
      ['A: kata murah {#x | m}\n', 'A: [kata murah]{#x | m3}\n', 'A: kata murah sekali {#x | m}\n', 'A: [kata murah]{#x | m3} sekali\n'],
      ['A: kata murah {#x | m}\n', 'A: [kata murah]{#x | m3}\n', 'A: kata murah sekali {#x | m2}\n', undefined],
    ];
    for (const [o, a, b, expected] of cases) {
      for (const merge of [mergeTranscripts, mergeWholeTranscripts]) {
        for (const [x, y] of [[a, b], [b, a]]) {
          const merged = merge(front + o, front + x, front + y);
          assert.deepStrictEqual([merged.text, merged.conflicts], expected === undefined ? [merged.text, 1] : [front + expected, 0], `${merge.name}: ${x} + ${y}`);
        }
      }
    }
  });
});

describe('YAML merge', () => {
  const codebook = '# The codebook\ntrust:\n  label: T\n  codes:\n    quality:\n      label: Q\n# prices\nprice:\n  label: P\n';

  it('takes each side\'s changes by code path, keeping order and comments', () => {
    const merged = mergeYaml(codebook, codebook.replace('label: Q', 'label: Q2'), codebook.replace('label: P', 'label: P2') + 'new:\n  label: N\n', 'codebook');
    assert.deepStrictEqual(merged, { text: '# The codebook\ntrust:\n  label: T\n  codes:\n    quality:\n      label: Q2\n# prices\nprice:\n  label: P2\nnew:\n  label: N\n', conflicts: 0, notes: [] });
  });

  it('a field changed two ways is a conflict on that field only', () => {
    const merged = mergeYaml(codebook, codebook.replace('label: Q', 'label: QA'), codebook.replace('label: Q', 'label: QB').replace('label: P', 'label: P2'), 'codebook');
    assert.strictEqual(merged.conflicts, 1);
    assert.strictEqual(merged.text, '# The codebook\ntrust:\n  label: T\n  codes:\n    quality:\n<<<<<<< ours\n      label: QA\n||||||| base\n      label: Q\n=======\n      label: QB\n>>>>>>> theirs\n# prices\nprice:\n  label: P2\n');
  });

  it('a code renamed on one side (formerly) takes the other side\'s changes to it', () => {
    const renamed = codebook.replace('    quality:\n      label: Q\n', '    assurance:\n      label: Q\n      formerly: [trust/quality]\n');
    const merged = mergeYaml(codebook, renamed, codebook.replace('      label: Q\n', '      label: Q\n      description: D\n'), 'codebook');
    assert.strictEqual(merged.text, '# The codebook\ntrust:\n  label: T\n  codes:\n    assurance:\n      label: Q\n      formerly: [trust/quality]\n      description: D\n# prices\nprice:\n  label: P\n');
    assert.deepStrictEqual(merged.notes, ["codebook.yaml: 'trust/quality' is 'trust/assurance' now (formerly)."]);
  });

  it('informants by id: entries added on both sides kept; a flow entry changed two ways is a conflict on that entry', () => {
    const informants = 'A: {role: owner, age: 25}\nB:\n  role: customer\n';
    const added = mergeYaml(informants, `${informants}C: {role: owner}\n`, `${informants}D: {role: customer}\n`, 'informants');
    assert.strictEqual(added.text, 'A: {role: owner, age: 25}\nB:\n  role: customer\nC: {role: owner}\nD: {role: customer}\n');
    const clash = mergeYaml(informants, informants.replace('25', '26'), informants.replace('25', '27').replace('role: customer', 'role: buyer'), 'informants');
    assert.strictEqual(clash.text, '<<<<<<< ours\nA: {role: owner, age: 26}\n||||||| base\nA: {role: owner, age: 25}\n=======\nA: {role: owner, age: 27}\n>>>>>>> theirs\nB:\n  role: buyer\n');
  });
});
