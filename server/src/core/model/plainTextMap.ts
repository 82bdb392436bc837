// The plain text of a transcript (its source without markup: front matter, tag blocks, the
// brackets of coded spans, escapes) and the mapping of offsets between the two. Positions in the
// plain text are what the analyses and REFI-QDA count (Unicode code points).
import type { OffsetArray } from '../text/offsetArray';
import { countAtOrBelow, countAtOrBelowFrom } from '../text/sortedSearch';
import type { SourceText } from '../text/sourceText';
import { CodePointIndex, type Span } from '../text/text';
import { astralOffsets } from '../text/textScan';

/**
 * Maps offsets between the source and its plain text (the source without its markup spans).
 * Markup spans never overlap; they are sorted once here.
 */
export class PlainTextMap {
  /** Code point offsets of the plain text. */
  readonly codePoints: CodePointIndex;
  /**
   * Kept runs of the source: source start and plain start (two bytes each in a source shorter
   * than 65,536). A run's length is the next run's plain start less its own, the last's the plain
   * text's length less its own.
   */
  private readonly runSource: OffsetArray;
  private readonly runPlain: OffsetArray;
  /** Length of the plain text, in UTF-16 code units. */
  readonly length: number;
  /** The last answers of `toPlain` and `toSourceStart`: a parse maps its codings' offsets nearly in order. */
  private sourceHint = 0;
  private plainHint = 0;

  constructor(
    private readonly source: SourceText,
    /** The markup spans, as start and end one after the other: the first `markupCount` pairs. */
    markup: Int32Array,
    markupCount: number,
    /** The source's astral characters (`astralOffsets`), when found already. */
    sourceAstral?: Int32Array,
  ) {
    // Usually in order already, with no empty span: then neither filtered nor sorted.
    let ordered = true;
    for (let k = 0; k < markupCount && ordered; k++) ordered = markup[2 * k + 1] > markup[2 * k] && (k === 0 || markup[2 * k - 2] <= markup[2 * k]);
    const spans = ordered ? markup : sortedSpans(markup, markupCount);
    const count = ordered ? markupCount : spans.length / 2;
    // A run before each span and one after the last, at most: counted first, then typed arrays of
    // that size (growing lists of numbers made several times their size in garbage).
    let runs = 0;
    for (let k = 0, at = 0; k <= count; k++) {
      if ((k < count ? spans[2 * k] : source.length) > at) runs++;
      if (k < count) at = Math.max(at, spans[2 * k + 1]);
    }
    const narrow = source.length <= 0xffff;
    const runSource = (this.runSource = narrow ? new Uint16Array(runs) : new Int32Array(runs));
    const runPlain = (this.runPlain = narrow ? new Uint16Array(runs) : new Int32Array(runs));
    const runLength = new Int32Array(runs);
    runs = 0;
    let at = 0;
    let plain = 0;
    for (let k = 0; k <= count; k++) {
      const runEnd = k < count ? spans[2 * k] : source.length;
      if (runEnd > at) {
        runSource[runs] = at;
        runPlain[runs] = plain;
        runLength[runs++] = runEnd - at;
        plain += runEnd - at;
      }
      if (k < count) at = Math.max(at, spans[2 * k + 1]);
    }
    this.length = plain;
    // Astral characters of the kept runs, at their plain offsets (markup may hold some too): one
    // pass over the source's astral characters and the runs, both in order.
    const astral: number[] = [];
    const inSource = sourceAstral ?? astralOffsets(source.text); // parsed now, so a string
    let r = 0;
    for (let k = 0; k < inSource.length; k++) {
      const offset = inSource[k];
      while (r < runs && runSource[r] + runLength[r] <= offset + 1) r++;
      if (r === runs) break;
      if (offset >= runSource[r]) astral.push(runPlain[r] + (offset - runSource[r]));
    }
    this.codePoints = CodePointIndex.fromAstralOffsets(astral);
  }

  /** Length of run `r`. */
  private runLength(r: number): number {
    return (r + 1 < this.runPlain.length ? this.runPlain[r + 1] : this.length) - this.runPlain[r];
  }

  /** Whether another source's plain text is this one's, compared run by run without building either. */
  samePlainText(other: PlainTextMap): boolean {
    if (this.length !== other.length) return false;
    let i = 0;
    let j = 0;
    let inMine = 0;
    let inTheirs = 0;
    while (i < this.runPlain.length && j < other.runPlain.length) {
      const n = Math.min(this.runLength(i) - inMine, other.runLength(j) - inTheirs);
      const from = this.runSource[i] + inMine;
      if (!this.source.sameAs(from, from + n, other.source, other.runSource[j] + inTheirs)) return false;
      inMine += n;
      inTheirs += n;
      if (inMine === this.runLength(i)) (i++, (inMine = 0));
      if (inTheirs === other.runLength(j)) (j++, (inTheirs = 0));
    }
    return true;
  }

  /** The whole plain text, built from the source. */
  get plainText(): string {
    return this.slice(0, Number.MAX_SAFE_INTEGER);
  }

  /** The plain text between two plain UTF-16 offsets. */
  slice(plainStart: number, plainEnd: number): string {
    const first = Math.max(0, countAtOrBelow(this.runPlain, plainStart) - 1);
    let last = first;
    while (last + 1 < this.runPlain.length && this.runPlain[last + 1] < plainEnd) last++;
    if (first >= this.runPlain.length) return '';
    // One cut of the source covers every run: a source kept as UTF-8 decodes only that part, once.
    const sourceFrom = this.runSource[first] + Math.max(0, plainStart - this.runPlain[first]);
    const sourceTo = this.runSource[last] + Math.max(0, Math.min(plainEnd, this.runPlain[last] + this.runLength(last)) - this.runPlain[last]);
    if (sourceTo <= sourceFrom) return '';
    const cut = this.source.slice(sourceFrom, sourceTo);
    if (first === last) return cut;
    const parts: string[] = [];
    for (let r = first; r <= last; r++) {
      const from = Math.max(plainStart, this.runPlain[r]);
      const to = Math.min(plainEnd, this.runPlain[r] + this.runLength(r));
      if (to > from) parts.push(cut.slice(this.runSource[r] + (from - this.runPlain[r]) - sourceFrom, this.runSource[r] + (to - this.runPlain[r]) - sourceFrom));
    }
    return parts.join('');
  }

  /** The plain text of a part of the source. */
  sliceSource(span: Span): string {
    return this.slice(this.toPlain(span.start), this.toPlain(span.end));
  }

  /** Plain-text UTF-16 offset of a source offset (an offset inside markup maps to where the markup was). */
  toPlain(offset: number): number {
    const count = (this.sourceHint = countAtOrBelowFrom(this.runSource, offset, this.sourceHint));
    const r = count - 1;
    if (r < 0) return 0;
    return this.runPlain[r] + Math.min(offset - this.runSource[r], this.runLength(r));
  }

  /** Source offset of the plain character at `plainOffset`. */
  toSourceStart(plainOffset: number): number {
    const count = (this.plainHint = countAtOrBelowFrom(this.runPlain, plainOffset, this.plainHint));
    const r = count - 1;
    if (r < 0) return 0;
    return this.runSource[r] + (plainOffset - this.runPlain[r]);
  }

  /** Source offset just after the plain character before `plainOffset` (an exclusive end). */
  toSourceEnd(plainOffset: number): number {
    if (plainOffset <= 0) return this.toSourceStart(0);
    return this.toSourceStart(plainOffset - 1) + 1;
  }
}

/**
 * The non-empty spans of the first `count` pairs of `markup`, sorted by start (stably), as pairs.
 * Nearly in order (only the brackets of nested spans come late): moved into place one by one,
 * unless that takes many moves, when they are sorted instead.
 */
function sortedSpans(markup: Int32Array, count: number): Int32Array {
  let kept = 0;
  for (let k = 0; k < count; k++) if (markup[2 * k + 1] > markup[2 * k]) kept++;
  const spans = new Int32Array(kept * 2);
  let n = 0;
  let moves = 0;
  for (let k = 0; k < count; k++) {
    const start = markup[2 * k];
    const end = markup[2 * k + 1];
    if (end <= start) continue;
    let at = n++;
    while (at > 0 && spans[2 * at - 2] > start && moves++ < 8 * count) {
      spans[2 * at] = spans[2 * at - 2];
      spans[2 * at + 1] = spans[2 * at - 1];
      at--;
    }
    spans[2 * at] = start;
    spans[2 * at + 1] = end;
  }
  if (moves <= 8 * count) return spans;
  const order: number[] = [];
  for (let k = 0; k < count; k++) if (markup[2 * k + 1] > markup[2 * k]) order.push(k);
  order.sort((a, b) => markup[2 * a] - markup[2 * b]);
  order.forEach((k, i) => ((spans[2 * i] = markup[2 * k]), (spans[2 * i + 1] = markup[2 * k + 1])));
  return spans;
}
