// Property tests of the parser. Structured documents are generated together with what the parser
// must find (the plain text, and the text of every coding); arbitrary strings check that any
// input parses, with every range inside the document.
import * as assert from 'assert';
import fc from 'fast-check';
import { codedText } from '../../server/src/core/analyses/codeTree';
import { PreparedText } from '../../server/src/core/text/preparedText';
import { LineIndex, type Range } from '../../server/src/core/text/text';
import { scanText } from '../../server/src/core/text/textScan';
import { parseTranscript, type ParsedTranscript } from '../../server/src/core/model/transcriptParser';
import type { Coding, Turn } from '../../server/src/core/model/transcript';
import { isSubsequence, rangeInside } from '../fuzz/fuzzer';
import { everythingOf } from '../helpers/parseEssence';

interface Built {
  source: string;
  plain: string;
  /** Expected coded text of each (uniquely named) code. */
  coded: Map<string, string>;
}

type Piece =
  | { kind: 'text'; value: string }
  | { kind: 'escape'; char: string }
  | { kind: 'literal'; inner: Piece[] }
  | { kind: 'span'; inner: Piece[]; memo?: string }
  | { kind: 'code'; value: string };

// Text that the generator knows to be plain: no brackets, braces, backslashes or backticks; line
// breaks are followed by indentation so that they never start a label, heading or fence.
const word = fc.constantFrom('saya', 'suka', 'Barang', '#promo', '@olshop_gtj', 'ok:', '😀', '𝒜', 'é', 'ß', '|', '}', ':', '10:30', '#', 'harga', 'murah');
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n    ', '\r\n    ');
const textPiece = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

const piece: fc.Memo<Piece> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(
        textPiece.map((value) => ({ kind: 'text' as const, value })),
        fc.constantFrom('[', ']', '{', '}', '\\').map((char) => ({ kind: 'escape' as const, char })),
      )
    : fc.oneof(
        { weight: 4, arbitrary: textPiece.map((value) => ({ kind: 'text' as const, value })) },
        { weight: 1, arbitrary: fc.constantFrom('[', ']', '{', '}', '\\').map((char) => ({ kind: 'escape' as const, char })) },
        { weight: 1, arbitrary: fc.array(piece(depth - 1), { maxLength: 3 }).map((inner) => ({ kind: 'literal' as const, inner })) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.array(piece(depth - 1), { maxLength: 3 }), fc.option(fc.constantFrom('catatan', 'a } b', 'ragu [?]'), { nil: undefined }))
            .map(([inner, memo]) => ({ kind: 'span' as const, inner, memo })),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'code' as const, value: '' }) },
      ),
);

const turn = fc.record({
  label: fc.constantFrom('P', 'SR', 'A', 'Am', 'W_2'),
  pieces: fc.array(piece(4), { minLength: 1, maxLength: 6 }),
});

const documentShape = fc.record({
  frontMatter: fc.boolean(),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  turns: fc.array(turn, { minLength: 1, maxLength: 5 }),
  finalNewline: fc.boolean(),
});

type Shape = typeof documentShape extends fc.Arbitrary<infer T> ? T : never;

function build(shape: Shape): Built {
  const eol = shape.crlf ? '\r\n' : '\n';
  let counter = 0;
  const coded = new Map<string, string>();
  let source = shape.bom ? '\uFEFF' : '';
  let plain = '';
  if (shape.frontMatter) source += `---${eol}informant: SR${eol}interviewer: P${eol}---${eol}`;

  // Returns [source, plain] of pieces; records the coded text of spans.
  const render = (pieces: Piece[]): [string, string] => {
    let s = '';
    let p = '';
    for (const item of pieces) {
      switch (item.kind) {
        case 'text':
          s += item.value;
          p += item.value;
          break;
        case 'escape':
          s += `\\${item.char}`;
          p += item.char;
          break;
        case 'literal': {
          const [is, ip] = render(item.inner);
          s += `[${is}]`;
          p += `[${ip}]`;
          break;
        }
        case 'span': {
          const [is, ip] = render(item.inner);
          const code = `tema/kode${++counter}`;
          coded.set(code, ip);
          s += `[${is}]{#${code}${item.memo ? ` | ${item.memo.replace('}', '\\}')}` : ''}}`;
          p += ip;
          break;
        }
        case 'code':
          // The leading space keeps a literal `[x]` before it from becoming a coded span; spaces
          // before a turn's tag block belong to its markup.
          {
            const before = /[ \t]+$/.exec(s);
            if (before) p = p.slice(0, p.length - before[0].length);
          }
          s += ` {#turn${++counter}}`;
          break;
      }
    }
    return [s, p];
  };

  shape.turns.forEach((t, i) => {
    const [s, p] = render(t.pieces);
    const body = `${t.label}: ${s}`;
    const plainBody = t.pieces[0].kind === 'code' ? `${t.label}:${p}` : `${t.label}: ${p}`;
    source += body;
    plain += plainBody;
    // Turn codes cover the turn's plain text after the label, without surrounding white space.
    for (const match of s.matchAll(/\{#(turn\d+)\}/g)) coded.set(match[1], p.trim());
    const last = i === shape.turns.length - 1;
    const separatorLines = last ? (shape.finalNewline ? eol : '') : eol + eol;
    source += separatorLines;
    plain += separatorLines;
  });
  return { source, plain, coded };
}

/** Every Range found anywhere in a value. */
function allRanges(value: unknown, found: Range[] = [], seen = new Set<unknown>()): Range[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return found;
  seen.add(value);
  if (value instanceof LineIndex) return found;
  const v = value as Record<string, unknown>;
  if (v.start && v.end && typeof (v.start as Range['start']).line === 'number') found.push(v as unknown as Range);
  for (const child of Object.values(v)) allRanges(child, found, seen);
  return found;
}

describe('transcript parser properties', () => {
  it('finds exactly the generated plain text and coded texts', () => {
    fc.assert(
      fc.property(documentShape, (shape) => {
        const built = build(shape);
        const doc = parseTranscript(built.source);
        assert.strictEqual(doc.plainText, built.plain);
        const found = new Map(doc.codings.map((c) => [c.code, codedText(doc, c)]));
        assert.deepStrictEqual(found, built.coded);
        assert.deepStrictEqual(
          doc.problems.map((p) => p.code),
          [],
        );
        for (const coding of doc.codings) {
          // A span's source range holds its text; the plain offsets select it.
          const sourceText = built.source.slice(coding.textSpan.start, coding.textSpan.end);
          assert.ok(isSubsequence(codedText(doc, coding), sourceText));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads two crossing codings, a labelled span and a bracket, each on exactly its words', () => {
    const words = fc.array(fc.constantFrom('saya', 'suka', '😀', 'harga', 'murah', '#promo', '10:30', 'é'), { minLength: 4, maxLength: 12 });
    // Four cuts a < b < c < d between the words: the labelled span a..c crosses the bracket b..d.
    const generated = words.chain((ws) => fc.tuple(fc.constant(ws), fc.uniqueArray(fc.integer({ min: 0, max: ws.length }), { minLength: 4, maxLength: 4 }), fc.constantFrom('1', 'a', 'x9')));
    fc.assert(
      fc.property(generated, ([ws, cuts, label]) => {
        const [a, b, c, d] = [...cuts].sort((x, y) => x - y);
        const piece = (from: number, to: number) => ws.slice(from, to).join(' ');
        const line = `A: ${piece(0, a)} [${label}>${piece(a, b)} [${piece(b, c)}<${label}]{#x} ${piece(c, d)}]{#y} ${piece(d, ws.length)}`;
        const doc = parseTranscript(line);
        const coded = Object.fromEntries(doc.codings.map((coding) => [coding.code, codedText(doc, coding)]));
        assert.deepStrictEqual(coded, { x: `${piece(a, b)} ${piece(b, c)}`, y: `${piece(b, c)} ${piece(c, d)}` });
        assert.strictEqual(doc.plainText, `A: ${piece(0, a)} ${piece(a, b)} ${piece(b, c)} ${piece(c, d)} ${piece(d, ws.length)}`);
        assert.deepStrictEqual(doc.problems, []);
      }),
      { numRuns: 300 },
    );
  });

  it('parses any text without throwing, with every range inside the document', () => {
    const alphabet = fc.constantFrom('[', ']', '{', '}', '#', '-', '|', '\\', '`', ':', 'A', 'b', ' ', '\t', '\n', '\r', '\r\n', '---\n', '😀', '\uFEFF', '\uD800', 'P: ', '```\n', ',');
    fc.assert(
      fc.property(fc.array(fc.oneof(alphabet, fc.string({ maxLength: 3 })), { maxLength: 80 }).map((parts) => parts.join('')), (text) => {
        const doc = parseTranscript(text);
        const lines = new LineIndex(text);
        for (const range of allRanges({ turns: doc.turns, tagBlocks: doc.tagBlocks, codings: doc.codings, problems: doc.problems, frontMatter: doc.frontMatter })) {
          assert.ok(rangeInside(range, lines), `range ${JSON.stringify(range)} outside ${JSON.stringify(text)}`);
        }
        assert.ok(isSubsequence(doc.plainText, text), 'the plain text only removes characters');
        const plainPoints = [...doc.plainText].length;
        for (const coding of doc.codings) {
          assert.ok(coding.plainStart <= coding.plainEnd && coding.plainEnd <= plainPoints);
          assert.ok(isSubsequence(codedText(doc, coding), text.slice(coding.textSpan.start, coding.textSpan.end)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parses the same when the text was scanned beforehand, as a reader thread does', () => {
    const alphabet = fc.constantFrom('[', ']', '{#a}', '{', '}', '#', '\\', '`', ':', 'A', ' ', '\t', '\n', '\r', '\r\n', '---\n', '😀', '𝒜', '\uFEFF', '\uD800', '\uDC00', 'P: ', 'é', '```\n');
    const anyText = fc.array(fc.oneof(alphabet, fc.string({ maxLength: 3 })), { maxLength: 80 }).map((parts) => parts.join(''));
    const check = (text: string) => assert.deepStrictEqual(everythingOf(parseTranscript(text, PreparedText.fromReader(undefined, scanText(text)))), everythingOf(parseTranscript(text)));
    fc.assert(fc.property(anyText, check), { numRuns: 2000 });
    fc.assert(fc.property(documentShape, (shape) => check(build(shape).source)), { numRuns: 300 });
    // The description sees a difference: a scan of another text gives other lines.
    assert.notDeepStrictEqual(everythingOf(parseTranscript('A: x\r\n😀 y', PreparedText.fromReader(undefined, scanText('A: x\n\n😀 y')))), everythingOf(parseTranscript('A: x\r\n😀 y')));
  });

  it('tells through its columns what its objects tell', () => {
    const alphabet = fc.constantFrom('[', ']', '{#a}', '{#b, #a}', '{-}', '{#c | memo}', '{', '}', '#', '\\', ':', 'A', ' ', '\n', '\r\n', '---\ninterviewer: P\n---\n', '😀', 'P: ', 'SR: ', 'é');
    const anyText = fc.array(fc.oneof(alphabet, fc.string({ maxLength: 3 })), { maxLength: 80 }).map((parts) => parts.join(''));
    // Columns are read from a parse of their own, before any object is made.
    const check = (text: string) => assert.deepStrictEqual(columnsOf(parseTranscript(text)), objectsOf(parseTranscript(text)));
    fc.assert(fc.property(anyText, check), { numRuns: 2000 });
    fc.assert(fc.property(documentShape, (shape) => check(build(shape).source)), { numRuns: 300 });
    // Exactly, on one example: two codings of one turn's block with its memo, then one outside any turn.
    const doc = parseTranscript('A: ya {#a, #b | kata 😀 kunci}\n\nhalo {#c}');
    assert.deepStrictEqual((columnsOf(doc) as { codings: unknown }).codings, [['a', 0, 0, 'kata 😀 kunci'], ['b', 0, 0, 'kata 😀 kunci'], ['c', 1, -1, undefined]]);
  });

  it('makes one turn or coding alone as the lists hold it', () => {
    const alphabet = fc.constantFrom('[', ']', '{#a}', '{#b, #a}', '{-}', '{#c | memo}', '[x]{#a #b | m}', '{', '}', '#', '\\', ':', 'A', ' ', '\n', '\r\n', '---\ninterviewer: P\n---\n', '😀', 'P: ', 'SR: ', 'é', '[00:01:02] ');
    const anyText = fc.array(fc.oneof(alphabet, fc.string({ maxLength: 3 })), { maxLength: 80 }).map((parts) => parts.join(''));
    // Alone from a parse of their own, before any list is made; and again once the lists are made.
    const check = (text: string) => {
      const lists = oneAtATime(parseTranscript(text), 'lists');
      assert.deepStrictEqual(oneAtATime(parseTranscript(text), 'alone'), lists);
      const doc = parseTranscript(text);
      void doc.codings;
      assert.deepStrictEqual(oneAtATime(doc, 'alone'), lists);
    };
    fc.assert(fc.property(anyText, check), { numRuns: 2000 });
    fc.assert(fc.property(documentShape, (shape) => check(build(shape).source)), { numRuns: 300 });
  });
});

/** A turn and a coding as `turnAt` and `codingAt` make them one at a time, and as the lists hold them. */
function oneAtATime(doc: ParsedTranscript, made: 'alone' | 'lists'): unknown {
  const count = (n: number) => Array.from({ length: n }, (_, i) => i);
  const turn = (t: Turn) => [t.speaker, t.isQuote, t.range, t.contentRange, t.speakerRange, t.tagBlockCount, t.codingCount, t.firstCoding, t.time];
  const coding = (c: Coding) => [c.code, c.codeRange, c.tagRange, c.textRange, c.plainStart, c.plainEnd, c.tagBlock, c.memo, c.scope, c.turn];
  return {
    turns: made === 'alone' ? count(doc.turnCount).map((t) => turn(doc.turnAt(t))) : doc.turns.map(turn),
    codings: made === 'alone' ? count(doc.codingCount).map((i) => coding(doc.codingAt(i))) : doc.codings.map(coding),
  };
}

/** What the index and the diagnostics read from the columns. */
function columnsOf(doc: ParsedTranscript): unknown {
  const count = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    turns: count(doc.turnCount).map((t) => [doc.speakerOf(t), doc.isQuote(t), doc.tagBlockCountOf(t), doc.codingCountOf(t), doc.speakerRangeOf(t)]),
    tagBlocks: count(doc.tagBlockCount).map((b) => [doc.firstCodeOf(b), doc.codeCountOf(b)]),
    codes: count(doc.codeCount).map((k) => [doc.pathOf(k), doc.lines.rangeOf(doc.codeSpanOf(k)), doc.codeAt(k).path, doc.codeAt(k).range]),
    codings: count(doc.codingCount).map((i) => [doc.codeOfCoding(i), doc.tagBlockOfCoding(i), doc.turnOfCoding(i), doc.memoOfCoding(i)]),
  };
}

/** The same, read from the objects. */
function objectsOf(doc: ParsedTranscript): unknown {
  let first = 0;
  return {
    turns: doc.turns.map((t) => [t.speaker, t.isQuote, t.tagBlockCount, t.codingCount, t.speakerRange]),
    tagBlocks: doc.tagBlocks.map((b) => [first, b.codeCount, (first += b.codeCount)].slice(0, 2)),
    codes: doc.tagBlocks.flatMap((b) => b.codes.map((c) => [c.path, c.range, c.path, c.range])),
    codings: doc.codings.map((c) => [c.code, c.tagBlock, c.turn ?? -1, c.memo]),
  };
}
