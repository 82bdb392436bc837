// Everything a parse tells, as plain data: two parses of one text compare equal exactly when
// they tell the same (the parser's property tests compare parses made different ways).
import type { ParsedTranscript } from '../../server/src/core/model/transcriptParser';

export function everythingOf(doc: ParsedTranscript): unknown {
  const plain = doc.plainText;
  return {
    lines: Array.from({ length: doc.lines.lineCount }, (_, line) => [doc.lines.lineStart(line), doc.lines.lineContentEnd(line), doc.lines.lineEnd(line)]),
    turns: doc.turns.map((t) => [t.speaker, t.range, t.speakerRange, t.contentRange, t.isQuote, t.tagBlocks, t.codings, t.time]),
    tagBlocks: doc.tagBlocks.map((b) => [b.range, b.codes.map((c) => [c.path, c.range]), b.memo && [b.memo.text, b.memo.range], b.reviewed, b.scope, b.turn]),
    codings: doc.codings.map((c) => [c.code, c.codeRange, c.tagRange, c.textRange, c.plainStart, c.plainEnd, c.tagBlock, c.memo]),
    problems: doc.problems,
    frontMatter: doc.frontMatter,
    plain,
    codePoints: Array.from({ length: plain.length + 1 }, (_, i) => doc.plainIndex.codePoints.toCodePoint(i)),
  };
}
