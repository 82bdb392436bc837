// Coded-segment queries (NVivo's coding query, QualCoder's code search): the codings in the
// quotes that match an expression of codes, such as `trust AND price`, `trust/testimonials OR
// networks`, `engagement AND NOT price`, with the informant, the place and the coded text of each.
// A code holds a quote when a coding of it (or of a code below it) lies in the quote. With
// `overlap`, codes must hold the same characters: the expression is read on each stretch of text
// where the same codes apply.
import { countedCodes, codesInScope, documentsInScope, informantPasses, type AnalysisFilter } from './analysisScope';
import { codedText } from './codeTree';
import { literalPattern } from '../text/text';
import type { Project } from '../project/workspace';

export type SegmentExpression = { kind: 'code'; path: string } | { kind: 'not'; operand: SegmentExpression } | { kind: 'and' | 'or'; operands: SegmentExpression[] };

/** Reads `A AND (B OR NOT C)`: AND binds tighter than OR; keywords in any case; codes are code paths. Throws a one-line reason. */
export function parseSegmentExpression(text: string): SegmentExpression {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at]?.toUpperCase();
  const expression = (): SegmentExpression => {
    const operands = [term()];
    while (peek() === 'OR') (at++, operands.push(term()));
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  };
  const term = (): SegmentExpression => {
    const operands = [factor()];
    while (peek() === 'AND') (at++, operands.push(factor()));
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  };
  const factor = (): SegmentExpression => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('the expression ends too early: a code is missing');
    if (token.toUpperCase() === 'NOT') return { kind: 'not', operand: factor() };
    if (token === '(') {
      const inner = expression();
      if (tokens[at++] !== ')') throw new Error("a '(' is not closed");
      return inner;
    }
    if (token === ')' || ['AND', 'OR'].includes(token.toUpperCase())) throw new Error(`'${token}' where a code should be`);
    return { kind: 'code', path: token.replace(/^#/, '') };
  };
  const parsed = expression();
  if (at < tokens.length) throw new Error(`'${tokens[at]}' after the end of the expression`);
  return parsed;
}

/** The codes an expression names, in order. */
function codesOf(expression: SegmentExpression): string[] {
  if (expression.kind === 'code') return [expression.path];
  if (expression.kind === 'not') return codesOf(expression.operand);
  return [...new Set(expression.operands.flatMap(codesOf))];
}

/** The codes an expression asks for (not under a NOT): their codings are the results. */
function wanted(expression: SegmentExpression, negated = false): string[] {
  if (expression.kind === 'code') return negated ? [] : [expression.path];
  if (expression.kind === 'not') return wanted(expression.operand, !negated);
  return [...new Set(expression.operands.flatMap((e) => wanted(e, negated)))];
}

function holds(expression: SegmentExpression, has: (path: string) => boolean): boolean {
  switch (expression.kind) {
    case 'code':
      return has(expression.path);
    case 'not':
      return !holds(expression.operand, has);
    case 'and':
      return expression.operands.every((e) => holds(e, has));
    case 'or':
      return expression.operands.some((e) => holds(e, has));
  }
}

export interface SegmentQuery {
  expression: SegmentExpression;
  /** Codes must hold the same characters, not only the same quote. */
  overlap?: boolean;
  filter?: AnalysisFilter;
  /** Text the coded text must contain (case aside). */
  text?: string;
}

export interface SegmentResult {
  uri: string;
  informant?: string;
  speaker?: string;
  /** 1-based line and column of the coded text. */
  line: number;
  column: number;
  code: string;
  text: string;
  memo?: string;
}

/** The codings of the quotes that match; unknown codes in the expression are an error (thrown, one line). */
export function segments(project: Project, query: SegmentQuery): SegmentResult[] {
  const filter = query.filter ?? {};
  for (const path of codesOf(query.expression)) if (!project.codebook.codes.has(path)) throw new Error(`'${path}' is not in codebook.yaml`);
  const counted = countedCodes(project.codebook, codesInScope(project.codebook, {}));
  const asked = wanted(query.expression);
  const pattern = query.text?.trim() ? literalPattern(query.text.trim()) : undefined;
  // Where no named code holds a quote, the expression is false (unless it is, say, `NOT price`):
  // then only the quotes of the named codes need be read.
  const named = new Set(codesOf(query.expression));
  const onlyNamed = !holds(query.expression, () => false);
  const results: SegmentResult[] = [];
  for (const doc of documentsInScope(project, filter)) {
    const parsed = doc.parsed;
    // The codings by unit: their quote, or their own text outside turns.
    const units = new Map<string, number[]>();
    const unitOf = (i: number) => {
      const turn = parsed.turnOfCoding(i);
      return turn >= 0 ? `t${turn}` : `b${parsed.tagBlockOfCoding(i)}`;
    };
    const relevant = new Set<string>();
    for (let i = 0; i < parsed.codingCount; i++) if (!onlyNamed || counted(parsed.codeOfCoding(i)).some((path) => named.has(path))) relevant.add(unitOf(i));
    if (relevant.size === 0) continue;
    for (let i = 0; i < parsed.codingCount; i++) {
      if (counted(parsed.codeOfCoding(i)).length === 0) continue;
      const key = unitOf(i);
      if (!relevant.has(key)) continue;
      let list = units.get(key);
      if (!list) units.set(key, (list = []));
      list.push(i);
    }
    for (const codings of units.values()) {
      if (!informantPasses(project, filter, doc.informantOfCoding(codings[0]))) continue;
      const codesOfCoding = (i: number) => counted(parsed.codeOfCoding(i));
      let matching: number[];
      if (!query.overlap) {
        const held = new Set(codings.flatMap(codesOfCoding));
        if (!holds(query.expression, (path) => held.has(path))) continue;
        matching = codings;
      } else {
        // Stretches of text where the same codings apply; a coding is a result if a matching stretch lies in it.
        const bounds = [...new Set(codings.flatMap((i) => [parsed.plainStartOf(i), parsed.plainEndOf(i)]))].sort((a, b) => a - b);
        const hit = new Set<number>();
        for (let k = 0; k + 1 < bounds.length; k++) {
          const covering = codings.filter((i) => parsed.plainStartOf(i) <= bounds[k] && parsed.plainEndOf(i) >= bounds[k + 1]);
          if (covering.length === 0) continue;
          const held = new Set(covering.flatMap(codesOfCoding));
          if (holds(query.expression, (path) => held.has(path))) for (const i of covering) hit.add(i);
        }
        matching = codings.filter((i) => hit.has(i));
      }
      for (const i of matching) {
        const code = parsed.codeOfCoding(i);
        if (asked.length > 0 && !asked.some((path) => codesOfCoding(i).includes(path))) continue;
        const coding = parsed.codings[i];
        const text = codedText(parsed, coding);
        if (pattern && !pattern.test(text)) continue;
        const turn = parsed.turnOfCoding(i);
        results.push({
          uri: doc.uri,
          informant: doc.informantOfCoding(i),
          ...(turn >= 0 ? { speaker: parsed.speakerOf(turn) } : {}),
          line: coding.textRange.start.line + 1,
          column: coding.textRange.start.character + 1,
          code,
          text,
          ...(coding.memo ? { memo: coding.memo } : {}),
        });
      }
    }
  }
  // In the order of the text: a nested span's coding is numbered before the span around it.
  return results.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.line - b.line || a.column - b.column);
}
