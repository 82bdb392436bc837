// The suggester as a coder (`qda suggest --as-coder DIR`, docs/suggestions.md): each transcript
// rewritten with no coding of the researcher's, and each of its quotes given the codes predicted
// by a model trained without that transcript (leave one transcript out: the whole model minus the
// transcript's counts). `qda agree --unit quote` then compares the machine with the researcher.
//
// The rewritten transcript is its front matter, as written, and its plain text with markup
// characters escaped, a tag block ending each quote: the predicted codes, or `{-}`. It is parsed
// again and kept only when it has exactly the original's plain text and turns; otherwise it is
// left out with the reason, so that nothing compared was changed in its words.
import { parseTranscript } from '../model/transcriptParser';
import type { IndexedDocument } from '../project/projectIndex';
import type { Project } from '../project/workspace';
import { predictedCodes, predictionDepth, SegmentCounts } from './suggestionModel';
import { codedSegments, quoteText, sortedDocuments, suggestionModel, type SuggestionModel } from './suggestions';

export interface MachineCodedTranscript {
  /** The transcript's path in the project. */
  path: string;
  /** The rewritten transcript, or the reason it could not be. */
  text?: string;
  reason?: string;
  quotes: number;
  /** Quotes given at least one code. */
  coded: number;
}

export function machineCodedTranscripts(project: Project, model: SuggestionModel = suggestionModel(project)): MachineCodedTranscript[] {
  return sortedDocuments(project).map((doc) => {
    const without = new SegmentCounts();
    for (const segment of codedSegments(project, doc, model.codebook)) without.add(model.featuresOf(segment));
    const scorer = model.scorerWithout(without);
    const codesOfQuote = new Map<number, string[]>();
    for (let turn = 0; turn < doc.parsed.turnCount; turn++) {
      if (!doc.parsed.isQuote(turn)) continue;
      const terms = model.extractor.countsOf(quoteText(doc, turn));
      codesOfQuote.set(turn, terms.features.length === 0 ? [] : predictedCodes(scorer.rank(terms, predictionDepth), model.settings));
    }
    const path = project.pathOf(doc.uri);
    const coded = [...codesOfQuote.values()].filter((codes) => codes.length > 0).length;
    const rewritten = rewrite(doc, codesOfQuote);
    return typeof rewritten === 'string' ? { path, text: rewritten, quotes: codesOfQuote.size, coded } : { path, reason: rewritten.reason, quotes: codesOfQuote.size, coded };
  });
}

/** Characters the parser may read as markup: escaped, they are text. */
const markup = /[\\[\]{}]/g;

function rewrite(doc: IndexedDocument, codesOfQuote: Map<number, string[]>): string | { reason: string } {
  const parsed = doc.parsed;
  const source = parsed.source;
  const plain = parsed.plainText;
  const bodyStart = parsed.frontMatter ? parsed.lines.offsetAt(parsed.frontMatter.range.end) : source.slice(0, 1) === '\uFEFF' ? 1 : 0;
  // Each quote's tag block goes where its words end, in the plain text.
  const inserts = [...codesOfQuote.entries()]
    .map(([turn, codes]) => ({ at: parsed.plainIndex.toPlain(parsed.contentEndOf(turn)), block: codes.length === 0 ? ' {-}' : ` {${codes.map((c) => `#${c}`).join(' ')}}` }))
    .sort((a, b) => a.at - b.at);
  const parts = [source.slice(0, bodyStart)];
  let at = 0;
  for (const insert of inserts) {
    parts.push(plain.slice(at, insert.at).replace(markup, '\\$&'), insert.block);
    at = insert.at;
  }
  parts.push(plain.slice(at).replace(markup, '\\$&'));
  const text = parts.join('');
  const check = parseTranscript(text);
  if (check.plainText !== plain || check.turnCount !== parsed.turnCount) return { reason: 'its text could not be written again without its markup (Markdown code or a line that would start a turn); left out' };
  for (const [turn, codes] of codesOfQuote) {
    const written: string[] = [];
    for (let c = check.firstCodingOf(turn); c < check.firstCodingOf(turn) + check.codingCountOf(turn); c++) written.push(check.codeOfCoding(c));
    if (check.tagBlockCountOf(turn) !== 1 || written.sort().join(' ') !== codes.join(' ')) return { reason: `quote ${quoteText(doc, turn).slice(0, 40)}… could not be given its codes; left out` };
  }
  return text;
}
