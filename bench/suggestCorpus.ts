// A generated study whose codes can be learned, for measuring the code suggestions
// (docs/suggestions.md). bench/generate.ts assigns codes at random, so nothing there can be
// learned from the words; here each code has words of its own, as real codes have, and the
// rest is like an interview:
// - made-up stems of Indonesian-like syllables, inflected with Indonesian affixes (me-, di-,
//   ber-, -kan, -nya…), so that a code's words come in several forms, as they do in Indonesian,
//   Hungarian or Finnish;
// - a theme's codes share the theme's words; every answer is mostly words common to all;
// - codes of unequal frequency (a few common, many rare), a quarter of the coded extents with a
//   second code, and one extent in ten coded against its words (coders disagree too);
// - span codings inside longer answers, whole-turn codings, `{-}` and untagged quotes.
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { random } from './generate';

export interface LearnableSpec {
  transcripts: number;
  answersPerTranscript: number;
  themes: number;
  codesPerTheme: number;
  /** Share of an extent's words drawn from its code's own stems, and from its theme's. */
  codeWords: number;
  themeWords: number;
  /** Share of coded extents whose code was chosen regardless of their words. */
  labelNoise: number;
  seed: number;
}

export const learnableStudy: LearnableSpec = { transcripts: 40, answersPerTranscript: 30, themes: 6, codesPerTheme: 5, codeWords: 0.12, themeWords: 0.08, labelNoise: 0.1, seed: 11 };

export function generateLearnableProject(dir: string, spec: LearnableSpec = learnableStudy): { codes: string[]; segments: number } {
  const rnd = random(spec.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const syllables = ['ba', 'ka', 'ta', 'ma', 'na', 'ra', 'sa', 'la', 'pa', 'da', 'ga', 'ja', 'ha', 'wa', 'ya', 'ca'].flatMap((s) => ['a', 'i', 'u', 'e', 'o'].map((v) => s[0] + v));
  const stem = () => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(syllables)).join('') + (rnd() < 0.4 ? pick(['n', 'ng', 'r', 'k', 't', 's']) : '');
  const stems = (n: number) => Array.from({ length: n }, stem);
  const prefixes = ['', '', '', 'me', 'di', 'ber', 'ter', 'pe', 'se'];
  const suffixes = ['', '', '', 'kan', 'nya', 'an', 'i', 'lah'];
  const inflect = (s: string) => pick(prefixes) + s + pick(suffixes);
  // Common words: a Zipf-like draw from a large vocabulary, as function words dominate speech.
  const common = stems(3000);
  const commonWord = () => common[Math.floor(common.length * rnd() ** 3)];

  const codes: { path: string; theme: number; stems: string[]; weight: number }[] = [];
  const themeStems: string[][] = [];
  const lines: string[] = [];
  for (let t = 0; t < spec.themes; t++) {
    themeStems.push(stems(20));
    lines.push(`tema${t}:`, `  label: Tema ${t} ${themeStems[t].slice(0, 2).join(' ')}`, `  description: Theme ${t} of the generated study.`, '  codes:');
    for (let c = 0; c < spec.codesPerTheme; c++) {
      const own = stems(15);
      const path = `tema${t}/kode-${c}`;
      codes.push({ path, theme: t, stems: own, weight: 1 / (1 + codes.length) ** 0.8 });
      lines.push(`    kode-${c}:`, `      label: Kode ${own[0]}`, `      description: Code ${c} of theme ${t}.`, `      example: ${own.slice(1, 4).map(inflect).join(' ')} ${commonWord()} ${own[4]}.`);
    }
  }
  writeFileSync(path.join(dir, 'codebook.yaml'), `${lines.join('\n')}\n`);
  const totalWeight = codes.reduce((n, c) => n + c.weight, 0);
  const drawCode = () => {
    let r = rnd() * totalWeight;
    for (const code of codes) if ((r -= code.weight) <= 0) return code;
    return codes[codes.length - 1];
  };
  const wordsFor = (voice: typeof codes, n: number) =>
    Array.from({ length: n }, () => {
      const r = rnd();
      const code = pick(voice);
      if (r < spec.codeWords) return inflect(pick(code.stems));
      if (r < spec.codeWords + spec.themeWords) return inflect(pick(themeStems[code.theme]));
      return commonWord();
    }).join(' ');
  const plainWords = (n: number) => Array.from({ length: n }, commonWord).join(' ');

  let segments = 0;
  for (let d = 0; d < spec.transcripts; d++) {
    const id = `I${d}`;
    const out = ['---', `informant: ${id}`, 'source: interview', 'interviewer: P', '---', ''];
    for (let a = 0; a < spec.answersPerTranscript; a++) {
      out.push(`P: ${plainWords(6 + Math.floor(rnd() * 8))}?`, '');
      const r = rnd();
      const voice = rnd() < 0.25 ? [drawCode(), drawCode()] : [drawCode()];
      const written = [...new Set((rnd() < spec.labelNoise ? voice.map(() => drawCode()) : voice).map((c) => c.path))];
      const tag = `{${written.map((p) => `#${p}`).join(' ')}}`;
      let answer: string;
      if (r < 0.08) answer = plainWords(10 + Math.floor(rnd() * 30));
      else if (r < 0.16) answer = `${plainWords(10 + Math.floor(rnd() * 30))} {-}`;
      else if (r < 0.5) answer = `${wordsFor(voice, 10 + Math.floor(rnd() * 40))} ${tag}`;
      else answer = `${plainWords(3 + Math.floor(rnd() * 15))} [${wordsFor(voice, 5 + Math.floor(rnd() * 20))}]${tag} ${plainWords(Math.floor(rnd() * 15))}`;
      if (r >= 0.16) segments++;
      out.push(`${id}: ${answer}`, '');
    }
    mkdirSync(path.join(dir, 'transcripts'), { recursive: true });
    writeFileSync(path.join(dir, 'transcripts', `w${String(d).padStart(3, '0')}.transcript.md`), out.join('\n'));
  }
  return { codes: codes.map((c) => c.path), segments };
}
