// `qda agree` reads a second coder's copy as changes to the first coder's (node/coderCopies.ts,
// core/model/revisedTranscript.ts). Its report must be the one made with every transcript of every
// coder parsed whole by the workspace, whatever the coders changed: codes, reviews, blank lines,
// words, turns, the front matter, line ends, fences, files left out.
import * as assert from 'assert';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { agreement, type AgreementUnit } from '../../server/src/core/analyses/agreement';
import { compareCoderCopies } from '../../server/src/node/coderCopies';
import { loadCoder } from '../../server/src/node/coders';

const codebook = 'trust:\n  description: T.\n  codes:\n    quality: {description: Q.}\n    testimonials: {description: R.}\nprice:\n  description: P.\n  codes:\n    discount: {description: D.}\n';
const codes = ['trust', 'trust/quality', 'trust/testimonials', 'price', 'price/discount', 'speed'];

const word = fc.constantFrom('saya', 'percaya', 'murah', 'harga', '😀', 'é', '[tidak jelas]', '`kode`', '\\[', 'toko', '---', '{x}');
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const tagBlock = fc.oneof(fc.constant('{-}'), fc.subarray(codes, { minLength: 1, maxLength: 3 }).map((cs) => `{${cs.map((c) => `#${c}`).join(' ')}}`));
const quoteLine = fc.tuple(words, fc.option(fc.tuple(words, fc.constantFrom(...codes)), { nil: undefined }), words).map(([a, span, b]) => (span ? `${a} [${span[0]}]{#${span[1]}} ${b}` : `${a} ${b}`));
const block = fc.oneof(
  { weight: 1, arbitrary: fc.constant('# Bagian') },
  { weight: 3, arbitrary: words.map((w) => `P: ${w}?`) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('SR', 'AY'), fc.array(quoteLine, { minLength: 1, maxLength: 3 }), fc.option(tagBlock, { nil: undefined }))
      .map(([who, lines, tag]) => `${who}: ${lines.join('\n')}${tag ? ` ${tag}` : ''}`),
  },
  { weight: 1, arbitrary: words },
  { weight: 1, arbitrary: fc.constant('```\nkode\n\nlagi\n```') },
);
const transcript = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n\n', '\n')), { minLength: 1, maxLength: 8 }))
  .map(([bom, frontMatter, blocks]) => `${bom ? '\uFEFF' : ''}${frontMatter ? '---\ninformant: SR\ninterviewer: P\n---\n' : ''}${blocks.map(([b, sep]) => b + sep).join('')}`);

/** What a second coder may do to a transcript. */
type Edit = [kind: 'recode' | 'review' | 'untag' | 'blank' | 'word' | 'turn' | 'interviewer' | 'crlf' | 'drop', at: number, code: string];
const edit: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom<Edit[0]>('recode', 'recode', 'recode', 'review', 'untag', 'blank', 'word', 'turn', 'interviewer', 'crlf', 'drop'),
  fc.nat(50),
  fc.constantFrom(...codes),
);

/** The n-th match of a pattern (counted round), or -1. */
function nth(text: string, pattern: RegExp, n: number): RegExpExecArray | undefined {
  const all = [...text.matchAll(new RegExp(pattern.source, 'g'))];
  return all.length === 0 ? undefined : all[n % all.length];
}

function applyEdit(text: string, [kind, at, code]: Edit): string {
  const replaceMatch = (pattern: RegExp, by: (m: string) => string) => {
    const m = nth(text, pattern, at);
    return m ? text.slice(0, m.index) + by(m[0]) + text.slice(m.index + m[0].length) : text;
  };
  switch (kind) {
    case 'recode':
      return replaceMatch(/\{#[^\s}|]+/, () => `{#${code}`);
    case 'review':
      return replaceMatch(/\{-\}|\{#[^}]*\}/, (m) => (m === '{-}' ? `{#${code}}` : '{-}'));
    case 'untag':
      return replaceMatch(/ \{[-#][^}]*\}/, () => '');
    case 'blank':
      return replaceMatch(/\n/, () => '\n\n');
    case 'word':
      return replaceMatch(/percaya|murah|harga/, () => 'beda');
    case 'turn':
      return replaceMatch(/\n\n/, () => `\n\nAY: tambahan {#${code}}\n\n`);
    case 'interviewer':
      // Another interviewer, in as many bytes or not: other turns are quotes.
      return text.replace('interviewer: P', at % 2 === 0 ? 'interviewer: Q' : 'interviewer: SR');
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'drop':
      return text.slice(0, Math.max(0, text.lastIndexOf('\n\n')));
  }
}

const coderFiles = fc.tuple(transcript, fc.array(edit, { maxLength: 3 }), fc.nat(9));
const study = fc.array(coderFiles, { minLength: 1, maxLength: 4 });

describe('coders\' copies read as changes', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-copies-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes each coder's copy: the first coder's transcripts, and each other coder's with its edits (or without the file). */
  function writeCopies(run: number, files: [string, Edit[], number][][], coders: number): string[] {
    const folders = Array.from({ length: coders }, (_, c) => path.join(dir, `run${run}`, `coder${c}`));
    folders.forEach((folder, c) => {
      mkdirSync(path.join(folder, 'transcripts'), { recursive: true });
      writeFileSync(path.join(folder, 'codebook.yaml'), codebook);
      files[0].forEach(([text, edits, leaveOut], k) => {
        const other = files[c]?.[k];
        if (c > 0 && (other ? other[2] : leaveOut) === 0) return; // this coder has no such transcript
        const mine = c === 0 ? text : (other?.[1] ?? edits).reduce(applyEdit, text);
        writeFileSync(path.join(folder, 'transcripts', `t${k}.transcript.md`), mine);
      });
    });
    return folders;
  }

  async function sameReport(folders: string[], unit: AgreementUnit): Promise<void> {
    const sources = folders.map((folder) => ({ kind: 'folder' as const, path: folder }));
    const fast = await compareCoderCopies(sources, unit);
    const whole = agreement(await Promise.all(sources.map(loadCoder)), unit);
    assert.deepStrictEqual(fast, whole);
  }

  let run = 0;
  it('gives, by quote and by character, the report of every transcript parsed whole: two coders', async () => {
    await fc.assert(
      fc.asyncProperty(study, async (files) => {
        const folders = writeCopies(run++, [files, files], 2);
        await sameReport(folders, 'quote');
        await sameReport(folders, 'character');
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same with three coders, each with edits of their own', async () => {
    await fc.assert(
      fc.asyncProperty(study, fc.array(fc.array(edit, { maxLength: 3 }), { minLength: 4, maxLength: 4 }), async (files, theirs) => {
        const third = files.map(([text, , leaveOut], k): [string, Edit[], number] => [text, theirs[k % theirs.length], (leaveOut + 3) % 10]);
        const folders = writeCopies(run++, [files, files, third], 3);
        await sameReport(folders, 'quote');
      }),
      { numRuns: 80 },
    );
  });
});
