// The three-way merge of transcripts (core/model/transcriptMerge.ts) and the re-transcription,
// checked on generated transcripts against a model the test keeps itself: turns of words, and
// codings on ranges of words. The test writes each side's file with its own small writer (nested
// spans and turn tag blocks), computes the expected codings from the model (the union of both
// sides' changes, in code points of the plain text), and reads the merge back with the parser.
import * as assert from 'assert';
import fc from 'fast-check';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { mergeTranscripts, mergeWholeTranscripts } from '../../server/src/core/model/transcriptMerge';
import { retranscribe } from '../../server/src/core/model/retranscription';
import { readLayers } from '../../server/src/core/model/transcriptLayers';

const runs = { numRuns: 300 };

interface Word {
  id: number;
  text: string;
}
interface Turn {
  label: string;
  words: Word[];
}
/** A coding on words `first`..`last` (ids) of a turn, or on the whole turn. */
interface Coding {
  code: string;
  turn: number;
  first: number;
  last: number;
  whole: boolean;
}

const vocabulary = ['saya', 'harga', 'murah', 'pasti.', 'Kak,', '#promo', '😀', 'baju', 'toko', 'ya', 'tidak', '[tertawa]'];
const codes = ['trust', 'price', 'engagement/enthusiasm', 'networks/friendship'];

function uniqueWord(text: string, id: number): string {
  let suffix = '';
  for (let n = id + 1; n > 0; n = Math.floor(n / 26)) suffix += String.fromCharCode(97 + (n % 26));
  return `${text.replace(/[^\p{L}]/gu, '') || 'emoji'}${suffix}`;
}

const turnsOf = (unique: boolean, maxTurns = 5) => fc.array(fc.tuple(fc.constantFrom('P', 'A', 'SR'), fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 7 })), { minLength: 1, maxLength: maxTurns }).map((raw) => {
  let id = 0;
  // With words edited, the same word twice is ambiguous (which one went?): each word is told apart,
  // made of letters only (punctuation and emoji are tokens of their own, as ambiguous as words).
  return raw.map(([label, words]): Turn => ({ label, words: words.map((text) => ({ id: id, text: unique ? uniqueWord(text, id++) : (id++, text) })) }));
});

/** Codings drawn on a transcript: ranges of word positions, turned into word ids. */
function codingsArbitrary(turns: Turn[]): fc.Arbitrary<Coding[]> {
  const one = fc.tuple(fc.nat(turns.length - 1), fc.nat(20), fc.nat(20), fc.constantFrom(...codes), fc.boolean()).map(([t, x, y, code, whole]): Coding => {
    const n = turns[t].words.length;
    const [a, b] = [x % n, y % n].sort((p, q) => p - q);
    return { code, turn: t, first: turns[t].words[a].id, last: turns[t].words[b].id, whole: whole && a === 0 && b === n - 1 };
  });
  return fc.array(one, { maxLength: 6 });
}

/** The ranges a side can write with plain brackets: each new range nests in or stays apart from those kept. */
function laminar(turns: Turn[], codings: Coding[]): Coding[] {
  const kept: Coding[] = [];
  const position = (c: Coding) => {
    const words = turns[c.turn].words;
    return [words.findIndex((w) => w.id === c.first), words.findIndex((w) => w.id === c.last)];
  };
  for (const c of codings) {
    const [a, b] = position(c);
    if (a < 0 || b < 0) continue;
    const crosses = kept.some((k) => {
      if (k.turn !== c.turn) return false;
      const [ka, kb] = position(k);
      return (a < ka && b >= ka && b < kb) || (ka < a && kb >= a && kb < b);
    });
    const same = kept.some((k) => k.turn === c.turn && k.code === c.code && k.first === c.first && k.last === c.last);
    if (!crosses && !same) kept.push(c);
  }
  return kept;
}

/** The side's file: front matter, turns with nested spans `[…]{#codes}` and turn tag blocks. */
function write(turns: Turn[], codings: Coding[]): string {
  const body = turns.map((turn, t) => {
    const mine = codings.filter((c) => c.turn === t);
    const index = (id: number) => turn.words.findIndex((w) => w.id === id);
    const spans = new Map<string, { a: number; b: number; codes: string[] }>();
    for (const c of mine.filter((c) => !c.whole)) {
      const key = `${index(c.first)}:${index(c.last)}`;
      const span = spans.get(key) ?? { a: index(c.first), b: index(c.last), codes: [] };
      if (!span.codes.includes(c.code)) span.codes.push(c.code);
      spans.set(key, span);
    }
    const list = [...spans.values()];
    let text = `${turn.label}: `;
    turn.words.forEach((w, i) => {
      if (i > 0) text += ' ';
      text += '['.repeat(list.filter((s) => s.a === i).length);
      text += w.text;
      for (const s of list.filter((s) => s.b === i).sort((x, y) => y.a - x.a)) text += `]{${s.codes.map((c) => `#${c}`).join(' ')}}`;
    });
    const whole = [...new Set(mine.filter((c) => c.whole).map((c) => c.code))];
    if (whole.length > 0) text += ` {${whole.map((c) => `#${c}`).join(' ')}}`;
    return text;
  });
  return `---\ninformant: SR\ninterviewer: P\n---\n${body.join('\n\n')}\n`;
}

/** The plain text's code points of each coding, as `code@start:end`, from the model. */
function expected(turns: Turn[], codings: Coding[]): string[] {
  const starts = new Map<number, [number, number]>();
  let at = 0;
  turns.forEach((turn, t) => {
    if (t > 0) at += 2;
    at += [...`${turn.label}: `].length;
    turn.words.forEach((w, i) => {
      if (i > 0) at += 1;
      starts.set(w.id, [at, at + [...w.text].length]);
      at += [...w.text].length;
    });
  });
  return [...new Set(codings.map((c) => `${c.code}@${starts.get(c.first)![0]}:${starts.get(c.last)![1]}`))].sort();
}

/** What a merged text means: its front matter, words, codings, memos, `{-}` marks and timestamps. */
function meaningOf(text: string): unknown {
  const { frontMatterBlock, text: words, codings, memos, reviews, timestamps } = readLayers(text);
  return { frontMatterBlock, words, codings: codings.map((c) => `${c.code}@${c.start}:${c.end}`).sort(), memos: [...memos].sort(), reviews, timestamps };
}

function codingsOf(text: string): string[] {
  const parsed = parseTranscript(text);
  const found: string[] = [];
  for (let c = 0; c < parsed.codingCount; c++) found.push(`${parsed.codeOfCoding(c)}@${parsed.plainStartOf(c)}:${parsed.plainEndOf(c)}`);
  return [...new Set(found)].sort();
}

const key = (c: Coding) => `${c.code}|${c.turn}|${c.first}|${c.last}`;

/** The three-way union: in both, or added by one, and not removed by one while the other left it. */
function union(base: Coding[], ours: Coding[], theirs: Coding[]): Coding[] {
  const all = new Map([...base, ...ours, ...theirs].map((c) => [key(c), c]));
  const has = (list: Coding[], c: Coding) => list.some((x) => key(x) === key(c));
  return [...all.values()].filter((c) => {
    const [o, a, b] = [has(base, c), has(ours, c), has(theirs, c)];
    return a === b ? a : a !== o ? a : b;
  });
}

const scenarioOf = (unique: boolean, maxTurns = 5) => turnsOf(unique, maxTurns).chain((turns) =>
  fc.tuple(fc.constant(turns), codingsArbitrary(turns), codingsArbitrary(turns), codingsArbitrary(turns), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })),
).map(([turns, base, addOurs, addTheirs, keepOurs, keepTheirs]) => {
  const o = laminar(turns, base);
  const a = laminar(turns, [...o.filter((_, i) => keepOurs[i % 8]), ...addOurs]);
  const b = laminar(turns, [...o.filter((_, i) => keepTheirs[i % 8]), ...addTheirs]);
  return { turns, o, a, b };
});
const scenario = scenarioOf(false);

describe('transcript merge (properties)', () => {
  it('when both sides only code, the merge has the base words and exactly the union of both sides\' changes; swapping the sides gives the same codings', () => {
    fc.assert(
      fc.property(scenario, ({ turns, o, a, b }) => {
        const [base, ours, theirs] = [write(turns, o), write(turns, a), write(turns, b)];
        const merged = mergeTranscripts(base, ours, theirs);
        assert.strictEqual(merged.conflicts, 0, merged.text);
        assert.strictEqual(parseTranscript(merged.text).plainText, parseTranscript(base).plainText);
        assert.deepStrictEqual(codingsOf(merged.text), expected(turns, union(o, a, b)), `${ours}\n---\n${theirs}\n--- merged:\n${merged.text}`);
        const swapped = mergeTranscripts(base, theirs, ours);
        assert.deepStrictEqual(codingsOf(swapped.text), codingsOf(merged.text));
      }),
      runs,
    );
  });

  it('merge(O, A, A) = A and merge(O, O, B) = B, byte for byte', () => {
    fc.assert(
      fc.property(scenario, ({ turns, o, a, b }) => {
        const [base, ours, theirs] = [write(turns, o), write(turns, a), write(turns, b)];
        assert.strictEqual(mergeTranscripts(base, ours, ours).text, ours);
        assert.strictEqual(mergeTranscripts(base, base, theirs).text, theirs);
      }),
      runs,
    );
  });

  it('with words edited on one side, every coding of the other side whose words the edit did not touch covers the same words', () => {
    const edited = scenarioOf(true).chain((s) => fc.tuple(fc.constant(s), fc.nat(100), fc.nat(100), fc.constantFrom('replace', 'delete', 'insert')));
    fc.assert(
      fc.property(edited, ([{ turns, o, b }, t0, w0, kind]) => {
        const t = t0 % turns.length;
        const w = w0 % turns[t].words.length;
        if (kind === 'delete' && turns[t].words.length === 1) return;
        const target = turns[t].words[w];
        const newWord: Word = { id: 1000, text: 'koreksi' };
        const oursTurns = turns.map((turn, i) => {
          if (i !== t) return turn;
          const words = [...turn.words];
          if (kind === 'replace') words[w] = { id: target.id, text: `${target.text}h` };
          else if (kind === 'delete') words.splice(w, 1);
          else words.splice(w + 1, 0, newWord);
          return { ...turn, words };
        });
        // Ours keeps the base's codings where their words still stand.
        const stillThere = (id: number) => oursTurns[t].words.some((x) => x.id === id) || turns.some((turn, i) => i !== t && turn.words.some((x) => x.id === id));
        const oursCodings = o.filter((c) => stillThere(c.first) && stillThere(c.last));
        const [base, ours, theirs] = [write(turns, o), write(oursTurns, oursCodings), write(turns, b)];
        const merged = mergeTranscripts(base, ours, theirs);
        assert.strictEqual(merged.conflicts, 0);
        assert.strictEqual(parseTranscript(merged.text).plainText, parseTranscript(ours).plainText);
        const positions = turns[t].words.map((x) => x.id);
        const touched = (c: Coding) => {
          if (c.turn !== t) return false;
          const [a, z] = [positions.indexOf(c.first), positions.indexOf(c.last)];
          return kind === 'insert' ? w >= a - 1 && w <= z : w >= a && w <= z;
        };
        const got = codingsOf(merged.text);
        for (const c of b.filter((c) => !touched(c))) {
          const [want] = expected(oursTurns, [c]);
          assert.ok(got.includes(want), `${key(c)} should cover ${want}: ${got.join(', ')}\n${merged.text}`);
        }
      }),
      runs,
    );
  });

  it('with a turn deleted on one side, both sides\' other changes are taken, and each coding the other side added to that turn is listed as not placed (nothing a coder added disappears)', () => {
    // Codings of whole turns, more of them than the scenario draws: a deleted turn's own tag block is what went astray.
    const wholeTurns = (turns: Turn[]) => fc.array(fc.tuple(fc.nat(turns.length - 1), fc.constantFrom(...codes)).map(([t, code]): Coding => ({ code, turn: t, first: turns[t].words[0].id, last: turns[t].words[turns[t].words.length - 1].id, whole: true })), { maxLength: 3 });
    const deleted = scenarioOf(true).chain((s) => fc.tuple(fc.constant(s), fc.nat(100), fc.boolean(), wholeTurns(s.turns), wholeTurns(s.turns), wholeTurns(s.turns)));
    fc.assert(
      fc.property(deleted, ([scenario, d0, swap, wo, wa, wb]) => {
        const turns = scenario.turns;
        if (turns.length < 2) return;
        const [o, a, b] = [laminar(turns, [...scenario.o, ...wo]), laminar(turns, [...scenario.a, ...wa]), laminar(turns, [...scenario.b, ...wb])];
        const d = d0 % turns.length;
        const oursTurns = turns.filter((_, t) => t !== d);
        // A coding off the deleted turn, on the turns that remain.
        const rest = (list: Coding[]) => list.filter((c) => c.turn !== d).map((c) => ({ ...c, turn: c.turn > d ? c.turn - 1 : c.turn }));
        const [base, ours, theirs] = [write(turns, o), write(oursTurns, rest(a)), write(turns, b)];
        // The side that deleted the turn is ours or theirs.
        const merged = swap ? mergeTranscripts(base, theirs, ours) : mergeTranscripts(base, ours, theirs);
        const context = `${base}\n--- deleted the turn\n${ours}\n--- coded\n${theirs}\n--- merged\n${merged.text}`;
        assert.strictEqual(merged.conflicts, 0, context);
        assert.strictEqual(parseTranscript(merged.text).plainText, parseTranscript(ours).plainText);
        assert.deepStrictEqual(codingsOf(merged.text), expected(oursTurns, union(rest(o), rest(a), rest(b))), context);
        // Theirs' own codings on the deleted turn (by code and words), each kept for the memo.
        const wordsOf = (c: Coding) => {
          const ids = turns[c.turn].words.map((w) => w.id);
          return turns[c.turn].words.slice(ids.indexOf(c.first), ids.indexOf(c.last) + 1).map((w) => w.text).join(' ');
        };
        const added = [...new Set(b.filter((c) => c.turn === d && !o.some((x) => key(x) === key(c))).map((c) => `${c.code}@${wordsOf(c)}`))].sort();
        assert.deepStrictEqual([...new Set(merged.notPlaced.map((n) => `${n.code}@${n.text}`))].sort(), added, context);
      }),
      runs,
    );
  });

  it('both sides changing words of one turn: a conflict when no untouched word stands between the changes, as git\'s diff3 makes it; both changes taken otherwise', () => {
    // One side replaces or deletes word w; the other replaces or deletes word w + 1 + gap, or inserts a word just before it.
    const edits = scenarioOf(true, 3).chain((s) => fc.tuple(fc.constant(s), fc.nat(100), fc.nat(100), fc.nat(2), fc.constantFrom('replace', 'delete'), fc.constantFrom('replace', 'delete', 'insert'), fc.boolean()));
    fc.assert(
      fc.property(edits, ([{ turns }, t0, w0, gap, firstKind, secondKind, swap]) => {
        const t = t0 % turns.length;
        const words = turns[t].words;
        const w = w0 % words.length;
        const next = w + 1 + gap;
        if (secondKind === 'insert' ? next > words.length : next >= words.length) return;
        /** The turn's words with edits (kind, word index, mark) applied by the model. */
        const applied = (changes: [string, number, string][]) => {
          const out: Word[] = [];
          for (let i = 0; i <= words.length; i++) {
            for (const [kind, at, mark] of changes) if (kind === 'insert' && at === i) out.push({ id: 5000, text: `baru${mark}` });
            if (i === words.length) break;
            const own = changes.find(([kind, at]) => kind !== 'insert' && at === i);
            if (!own) out.push(words[i]);
            else if (own[0] === 'replace') out.push({ id: words[i].id, text: `${words[i].text}${own[2]}` });
          }
          return out;
        };
        const firstEdit: [string, number, string] = [firstKind, w, 'h'];
        const secondEdit: [string, number, string] = [secondKind, next, 'k'];
        const withTurn = (changed: Word[]) => write(turns.map((turn, i) => (i === t ? { ...turn, words: changed } : turn)), []);
        const lineOf = (changed: Word[]) => `${turns[t].label}: ${changed.map((x) => x.text).join(' ')}\n`;
        const [first, second] = [applied([firstEdit]), applied([secondEdit])];
        const [base, ours, theirs] = [write(turns, []), ...(swap ? [withTurn(second), withTurn(first)] : [withTurn(first), withTurn(second)])];
        const merged = mergeTranscripts(base, ours, theirs);
        const context = `${base}\n--- ours\n${ours}\n--- theirs\n${theirs}\n--- merged\n${merged.text}`;
        if (gap === 0) {
          // The conflict shows the turn as each side wrote it.
          assert.strictEqual(merged.conflicts, 1, context);
          for (const line of [lineOf(words), lineOf(first), lineOf(second)]) assert.ok(merged.text.includes(line), `${line}${context}`);
        } else {
          assert.strictEqual(merged.conflicts, 0, context);
          assert.strictEqual(merged.text, withTurn(applied([firstEdit, secondEdit])), context);
        }
      }),
      runs,
    );
  });

  it('merging stretch by stretch means what merging the whole texts means (words, codings, memos, {-}, timestamps; conflicts, codings lost, notes)', () => {
    // Both sides code; one side edits words and adds turns, or both edit words in different turns; up to twelve turns.
    const edit = fc.tuple(fc.nat(100), fc.nat(100), fc.constantFrom('replace', 'delete', 'insert', 'addTurn'));
    const edited = scenarioOf(true, 12).chain((s) => fc.tuple(fc.constant(s), fc.array(edit, { maxLength: 3 }), fc.array(edit, { maxLength: 3 }), fc.boolean()));
    let fresh = 3000;
    /** `parity`: only the even turns (0) or the odd ones (1), and no turn added: both sides edit, never the same turn. */
    const applyEdits = (turns: Turn[], codings: Coding[], edits: [number, number, string][], mark: string, parity?: 0 | 1) => {
      const changed = turns.map((turn) => ({ ...turn, words: [...turn.words] }));
      for (const [t0, w0, kind] of edits) {
        // A turn added changes where the text is cut: the stretches after it shift.
        if (kind === 'addTurn' && parity === undefined) changed.splice(t0 % (changed.length + 1), 0, { label: 'A', words: [{ id: fresh++, text: `sisipan${mark}` }] });
        if (kind === 'addTurn') continue;
        const t = parity === undefined ? t0 % changed.length : 2 * (t0 % Math.ceil(changed.length / 2)) + parity;
        if (t >= changed.length) continue;
        const words = changed[t].words;
        const w = w0 % words.length;
        if (kind === 'replace') words[w] = { id: words[w].id, text: `${words[w].text}${mark}` };
        else if (kind === 'delete' && words.length > 1) words.splice(w, 1);
        else if (kind === 'insert') words.splice(w + 1, 0, { id: fresh++, text: `baru${mark}` });
      }
      const turnOf = (id: number) => changed.findIndex((turn) => turn.words.some((x) => x.id === id));
      const kept = codings.filter((c) => turnOf(c.first) >= 0 && turnOf(c.first) === turnOf(c.last)).map((c) => ({ ...c, turn: turnOf(c.first) }));
      return write(changed, kept);
    };
    fc.assert(
      fc.property(edited, ([{ turns, o, a, b }, editsOurs, editsTheirs, bothEdit]) => {
        const base = write(turns, o);
        const ours = applyEdits(turns, a, editsOurs, 'h', bothEdit ? 0 : undefined);
        const theirs = applyEdits(turns, b, bothEdit ? editsTheirs : [], 'k', 1);
        const { carried, text, ...byStretches } = mergeTranscripts(base, ours, theirs);
        const { carried: carriedWhole, text: wholeText, ...whole } = mergeWholeTranscripts(base, ours, theirs);
        // Where the whole text's markup cannot be written exactly, the whole file is merged line by
        // line, as git does: no meaning to hold the stretches to (they fall back in one region only).
        fc.pre(!whole.notes.includes('The merged markup could not be written exactly: merged line by line.'));
        // (Edits of both sides next to each other in one turn can read either way, a conflict or
        // both taken, as a word's tokens are aligned with the stretch or the whole text around them.)
        {
          const context = `${base}\n--- ours\n${ours}\n--- theirs\n${theirs}\n--- by stretches\n${text}\n--- whole\n${wholeText}`;
          // The same meaning; the bytes may differ where a side wrote the same codings otherwise
          // (`w {#c}` for `[w]{#c}`) and changed nothing else in that stretch: the stretch is that
          // side's, as merge(O, O, B) = B; the whole text keeps ours' writing.
          // A lost coding's place (`near`) is a line next to where its words were: a stretch's
          // first line or the line before, as the words' neighbours are found.
          const withoutNear = (r: typeof whole) => ({ ...r, notPlaced: r.notPlaced.map(({ near, ...rest }) => rest) });
          assert.deepStrictEqual({ ...withoutNear(byStretches), meaning: meaningOf(text) }, { ...withoutNear(whole), meaning: meaningOf(wholeText) }, context);
          const lines = text.split('\n');
          byStretches.notPlaced.forEach(({ near }, k) => {
            const other = whole.notPlaced[k].near;
            const between = lines.slice(Math.min(near, other), Math.max(near, other) - 1);
            assert.ok(between.every((line) => line.trim() === ''), `near ${near} and ${other}: ${JSON.stringify(between)}\n${context}`);
          });
        }
        // Carried: a side's coding placed on words the other side changed. The whole text counts
        // every coding a side added once the other changed any word; a stretch, only where it did.
        assert.ok(carried <= carriedWhole, `${carried} > ${carriedWhole}`);
      }),
      runs,
    );
  });

  it('re-transcription: every coding whose words survive is carried onto them, and every other is kept for the memo; the heading stays where the new words have none', () => {
    const edits = scenarioOf(true).chain((s) => fc.tuple(fc.constant(s), fc.array(fc.tuple(fc.constantFrom('replace', 'rewrite', 'delete', 'insert', 'keep'), fc.nat(100)), { minLength: 5, maxLength: 5 }), fc.constantFrom('', '# Wawancara [SR] 😀', '# Wawancara\n## Bagian 1')));
    fc.assert(
      fc.property(edits, ([{ turns, a }, changes, heading]) => {
        // One edit at most per turn, on one word.
        let fresh = 2000;
        const newTurns = turns.map((turn, t) => {
          const [kind, at] = changes[t % changes.length];
          const words = [...turn.words];
          const w = at % words.length;
          // A typo corrected keeps the word; other words in its place are a new word.
          if (kind === 'replace') words[w] = { id: words[w].id, text: `${words[w].text}h` };
          else if (kind === 'rewrite') words[w] = { id: fresh++, text: 'lainnya' };
          else if (kind === 'delete' && words.length > 1) words.splice(w, 1);
          else if (kind === 'insert') words.splice(w, 0, { id: fresh++, text: 'tambahan' });
          return { ...turn, words };
        });
        // The old transcript under a heading (its brackets escaped, as they are words), or none.
        const headed = heading === '' ? '' : `${heading.replace(/\[|\]/g, '\\$&')}\n\n`;
        const old = write(turns, a).replace(/\n---\n/, `\n---\n${headed}`);
        const replacement = `---\nsource: interview\n---\n${newTurns.map((turn) => `${turn.label}: ${turn.words.map((w) => w.text.replace(/\[|\]/g, '\\$&')).join(' ')}`).join('\n\n')}\n`;
        const result = retranscribe(old, replacement);
        const shift = heading === '' ? 0 : [...heading].length + 2;
        assert.strictEqual(parseTranscript(result.text).plainText, (heading === '' ? '' : `${heading}\n\n`) + parseTranscript(replacement).plainText);
        const got = parseTranscript(result.text);
        const ranges = new Map<string, [number, number][]>();
        for (let c = 0; c < got.codingCount; c++) ranges.set(got.codeOfCoding(c), [...(ranges.get(got.codeOfCoding(c)) ?? []), [got.plainStartOf(c), got.plainEndOf(c)]]);
        let placed = 0;
        for (const c of a) {
          const ids = turns[c.turn].words.map((w) => w.id);
          const range = ids.slice(ids.indexOf(c.first), ids.indexOf(c.last) + 1);
          const surviving = newTurns[c.turn].words.filter((w) => range.includes(w.id));
          if (surviving.length === 0) {
            const words = turns[c.turn].words.filter((w) => range.includes(w.id)).map((w) => w.text).join(' ');
            assert.ok(result.notPlaced.some((n) => n.code === c.code && n.text === words), `${key(c)} "${words}" should be kept for the memo: ${JSON.stringify(result.notPlaced)}`);
            continue;
          }
          placed++;
          const [want] = expected(newTurns, [{ ...c, first: surviving[0].id, last: surviving[surviving.length - 1].id }]);
          const [start, end] = want.split('@')[1].split(':').map((n) => Number(n) + shift);
          assert.ok((ranges.get(c.code) ?? []).some(([s, e]) => s <= start && e >= end), `${key(c)} should cover ${want}\n${old}\n${result.text}`);
        }
        assert.strictEqual(result.carried + result.notPlaced.length, result.codings);
        assert.ok(placed <= result.carried);
      }),
      runs,
    );
  });
});
