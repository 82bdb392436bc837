// The selections of a REFI-QDA text source placed one by one as coded spans of its transcript
// (docs/refi-qda.md). The transcript is parsed back before it is kept: its plain text must be the
// source's text exactly, its speakers' turns those of the text alone, and each span must come back
// as a coding of exactly its text. A span that does not is found (by halving the spans in doubt)
// and left out with its reason; every other is placed. A selection that cannot be a span at all
// (outside the text, over two paragraphs, inside code) is reported with its reason, source, codes
// and text.
import { parseTranscript, type ParsedTranscript } from '../model/transcriptParser';
import { countBelow } from '../text/sortedSearch';
import { snapSpan, spanProblem, TextLayout, writeSpans, type CodedSpan } from './refiSpans';

/** A PlainTextSelection as read: positions as the file gives them, the code paths its codings name, its notes' texts. */
export interface SourceSelection {
  start: number;
  end: number;
  codes: string[];
  memos: string[];
}

export interface PlacedSelections {
  /** The transcript's text after its front matter. */
  body: string;
  /** How many selections are codings of it. */
  placed: number;
  /** Its speakers' labels, in order of first turn, with how many turns each has. */
  speakers: Map<string, number>;
  /** The indices (in the selections given) of those not placed. */
  unplaced: number[];
}

/** At most this many parses to find the spans that cannot be written (each halving costs one). */
const maxAttempts = 200;

/**
 * The body of a source's transcript with every selection that can be placed; `head` is the front
 * matter written before it (the parse back reads the whole file). Notes get one line per selection
 * not placed. Undefined, with a note, when even the text alone cannot be written exactly.
 */
export function placeSelections(text: string, selections: readonly SourceSelection[], head: string, options: { name: string; nvivo: boolean }, notes: string[]): PlacedSelections | undefined {
  const source = `source "${options.name}"`;
  const astral = astralPositions(text);
  const codePoint = (offset: number) => offset - countBelow(astral, offset);
  const toUtf16 = offsetConverter(text, astral, options.nvivo, selections);
  const layout = new TextLayout(text);
  const describe = (count: number, codes: string[], start: number, end: number) =>
    `${source}: ${count === 1 ? 'selection' : `${count} selections`} of ${codes.map((c) => `#${c}`).join(' ')} at ${codePoint(start)}–${codePoint(end)} (${excerpt(text.slice(start, end))})`;

  const byRange = new Map<string, CodedSpan>();
  /** Per span, how many of its selections had their edges moved by `snapSpan`. */
  const moved = new Map<CodedSpan, number>();
  /** Per span, the selections it stands for. */
  const members = new Map<CodedSpan, number[]>();
  const unplaced: number[] = [];
  for (const [index, selection] of selections.entries()) {
    const start = toUtf16(selection.start);
    const end = toUtf16(selection.end);
    if (start === undefined || end === undefined || end <= start) {
      notes.push(`${source}: selection${selection.codes.length ? ` of ${selection.codes.map((c) => `#${c}`).join(' ')}` : ''} at ${selection.start}–${selection.end}: outside the text or empty; not placed`);
      unplaced.push(index);
      continue;
    }
    if (selection.codes.length === 0) {
      notes.push(`${source}: selection at ${codePoint(start)}–${codePoint(end)} (${excerpt(text.slice(start, end))}): codes nothing in the codebook; not placed`);
      unplaced.push(index);
      continue;
    }
    const place = snapSpan(layout, start, end);
    const problem = spanProblem(layout, place.start, place.end) ?? cutsCharacter(text, place.start, place.end);
    if (problem) {
      notes.push(`${describe(1, selection.codes, start, end)}: ${problem}; not placed`);
      unplaced.push(index);
      continue;
    }
    const key = `${place.start}:${place.end}`;
    const span = byRange.get(key) ?? { start: place.start, end: place.end, codes: [], memos: [], count: 0 };
    byRange.set(key, span);
    span.count++;
    members.set(span, [...(members.get(span) ?? []), index]);
    if (place.start !== start || place.end !== end) moved.set(span, (moved.get(span) ?? 0) + 1);
    for (const code of selection.codes) if (!span.codes.includes(code)) span.codes.push(code);
    for (const memo of selection.memos) if (memo && !span.memos.includes(memo)) span.memos.push(memo);
  }

  // The text alone first: what every placement is checked against.
  const bare = parseTranscript(head + writeSpans(layout, []));
  if (bare.plainText !== text) {
    notes.push(`${source}: its text cannot be written exactly as a transcript; left out with its ${selections.length} selection(s)`);
    return undefined;
  }
  const turns = turnsOf(bare);
  const check = (spans: CodedSpan[]): { body: string; parsed: ParsedTranscript; problem?: string; lost: CodedSpan[] } => {
    const body = writeSpans(layout, spans);
    const parsed = parseTranscript(head + body);
    if (parsed.plainText !== text) return { body, parsed, problem: 'the text would not come out exactly', lost: spans };
    if (turnsOf(parsed) !== turns) return { body, parsed, problem: "would change the speakers' turns", lost: spans };
    const found = new Set<string>();
    for (let c = 0; c < parsed.codingCount; c++) found.add(`${parsed.codeOfCoding(c)}@${parsed.plainStartOf(c)}:${parsed.plainEndOf(c)}`);
    const lost = spans.filter((s) => s.codes.some((code) => !found.has(`${code}@${codePoint(s.start)}:${codePoint(s.end)}`)));
    return { body, parsed, problem: lost.length > 0 ? 'does not read back as a coding of exactly its text' : undefined, lost };
  };

  const all = [...byRange.values()];
  let result = check(all);
  const rejected: { span: CodedSpan; problem: string }[] = [];
  if (result.problem && result.lost.length < all.length) {
    // The text came out right and only some spans did not: most often they alone fail.
    const kept = all.filter((s) => !result.lost.includes(s));
    const again = check(kept);
    if (!again.problem) {
      for (const span of result.lost) rejected.push({ span, problem: result.problem });
      result = again;
    }
  }
  if (result.problem) {
    // Halve the spans in doubt until each one that cannot be written is alone.
    let accepted: CodedSpan[] = [];
    result = check(accepted);
    const doubts: CodedSpan[][] = [all];
    let attempts = 0;
    while (doubts.length > 0) {
      const group = doubts.pop()!;
      if (attempts++ >= maxAttempts) {
        for (const span of group) rejected.push({ span, problem: 'could not be checked (too many selections of this source fail)' });
        continue;
      }
      const tried = check([...accepted, ...group]);
      if (!tried.problem) {
        accepted = accepted.concat(group);
        result = tried;
      } else if (group.length === 1) rejected.push({ span: group[0], problem: tried.problem });
      else doubts.push(group.slice(group.length >> 1), group.slice(0, group.length >> 1));
    }
  }
  rejected.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const { span, problem } of rejected) {
    notes.push(`${describe(span.count, span.codes, span.start, span.end)}: ${problem}; not placed`);
    for (const index of members.get(span)!) unplaced.push(index);
  }
  const rejectedSpans = new Set(rejected.map((r) => r.span));
  const placedSpans = all.filter((s) => !rejectedSpans.has(s));
  const movedPlaced = placedSpans.reduce((n, s) => n + (moved.get(s) ?? 0), 0);
  if (movedPlaced > 0) notes.push(`${source}: ${movedPlaced} selection(s) placed without the line breaks or speaker's label at their edges, which a span there would have turned into text (paragraphs and turns stay as they are)`);
  return { body: result.body, placed: placedSpans.reduce((n, s) => n + s.count, 0), speakers: speakersOf(result.parsed), unplaced: unplaced.sort((a, b) => a - b) };
}

/**
 * The turns as labels and plain-text extents (white space at their ends left out: a line of markup
 * alone may end a turn), one string, to compare.
 */
function turnsOf(parsed: ParsedTranscript): string {
  const plain = parsed.plainIndex;
  const text = parsed.plainText;
  const parts: string[] = [];
  for (const turn of parsed.turns) {
    let end = plain.toPlain(turn.end);
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    parts.push(`${turn.speaker}@${plain.toPlain(turn.start)}-${end}`);
  }
  return parts.join('\n');
}

function speakersOf(parsed: ParsedTranscript): Map<string, number> {
  const turns = new Map<string, number>();
  for (let t = 0; t < parsed.turnCount; t++) turns.set(parsed.speakerOf(t), (turns.get(parsed.speakerOf(t)) ?? 0) + 1);
  return turns;
}

/** A selection's text for a note: quoted, with its line breaks and tabs shown, shortened past 50 characters. */
function excerpt(text: string): string {
  const chars = [...text];
  return JSON.stringify(chars.length > 50 ? `${chars.slice(0, 50).join('')}…` : text);
}

/** A span whose edge falls between the two halves of a character (UTF-16 positions inside an emoji). */
function cutsCharacter(text: string, start: number, end: number): string | undefined {
  const inside = (at: number) => at > 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00 && (text.charCodeAt(at - 1) & 0xfc00) === 0xd800;
  return inside(start) || inside(end) ? 'starts or ends inside a character (between the halves of an emoji)' : undefined;
}

/**
 * Position → UTF-16 offset in the text: code points by the standard; UTF-16 code units where the
 * file says NVivo made it, or where only that reading keeps every selection in the text.
 */
function offsetConverter(text: string, astral: number[], nvivo: boolean, selections: readonly SourceSelection[]): (position: number) => number | undefined {
  const codePoints = text.length - astral.length;
  let largest = 0;
  for (const s of selections) if (Number.isFinite(s.end) && s.end > largest) largest = s.end;
  const utf16 = nvivo || astral.length === 0 || (largest > codePoints && largest <= text.length);
  // The code point index of each astral character, in order: each one before a position adds one UTF-16 unit.
  const astralCodePoints = astral.map((second, k) => second - 1 - k);
  return (position) => {
    if (!Number.isInteger(position) || position < 0) return undefined;
    if (utf16) return position <= text.length ? position : undefined;
    if (position > codePoints) return undefined;
    return position + countBelow(astralCodePoints, position);
  };
}

/** The UTF-16 offsets of the second halves of the text's surrogate pairs, in order. */
function astralPositions(text: string): number[] {
  const astral: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) astral.push(++i);
  }
  return astral;
}
