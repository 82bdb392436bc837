// A seeded, deterministic generator of realistic projects for the benchmarks: a codebook with
// themes, codes and sub-codes, informants.yaml, and interview transcripts with front matter,
// interviewer and informant turns, mixed Indonesian/English words, hashtags, mentions and emoji,
// 5–20 % of the text coded with turn and span codings (some nested, some with memos), some
// untagged quotes and some unknown codes.
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

export type Size = 'S' | 'M' | 'L' | 'XL';

export const sizes: Record<Size, { transcripts: number; words: number; themes: number; codes: number }> = {
  S: { transcripts: 15, words: 8000, themes: 5, codes: 19 },
  M: { transcripts: 200, words: 8000, themes: 20, codes: 150 },
  L: { transcripts: 1000, words: 8000, themes: 40, codes: 500 },
  XL: { transcripts: 10000, words: 8000, themes: 40, codes: 500 },
};

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const indonesian = (
  'saya kami toko barang harga murah diskon pelanggan belanja online instagram kualitas foto asli ' +
  'teman kampus mahasiswa ongkir gratis bayar tempat cepat balas pesan ramah sopan percaya testimoni ' +
  'endorse selebgram follow story postingan produk baju hijab sepatu kosmetik ukuran warna bahan ' +
  'biasanya kadang sering pernah belum sudah karena jadi tapi juga lagi sekali banget memang'
).split(' ');
const english = 'really okay so like the shop order review brand trust quality price sale best friend fast reply'.split(' ');
const extras = ['#promo', '#diskon', '#olshoppadang', '@bajupadangmurah', '@olshop_gtj', '😀', '👍🏽', '[tertawa]', '[tidak jelas]'];

export interface GeneratedProject {
  dir: string;
  bytes: number;
  documents: number;
  codes: string[];
}

/** Writes the codebook of a size (themes, codes and, past the first level, sub-codes) and gives its code paths. */
function writeCodebook(dir: string, spec: { themes: number; codes: number }): string[] {
  const codes: string[] = [];
  const lines: string[] = [];
  const perTheme = Math.max(1, Math.floor((spec.codes - spec.themes) / spec.themes));
  for (let t = 0; t < spec.themes; t++) {
    const theme = `tema${t}`;
    codes.push(theme);
    lines.push(`${theme}:`, `  label: Tema ${t}`, `  description: Theme ${t} of the generated study.`, '  codes:');
    for (let c = 0; c < perTheme && codes.length < spec.codes; c++) {
      const code = `kode-${c}`;
      codes.push(`${theme}/${code}`);
      lines.push(`    ${code}:`, `      label: Kode ${t}.${c}`, `      description: Code ${c} of theme ${t}.`);
      if (c % 4 === 3 && codes.length < spec.codes) {
        codes.push(`${theme}/${code}/sub`);
        lines.push('      codes:', '        sub:', `          description: A sub-code of ${t}.${c}.`);
      }
    }
  }
  writeFileSync(path.join(dir, 'codebook.yaml'), `${lines.join('\n')}\n`);
  return codes;
}

export function generateProject(dir: string, size: Size, seed = 42): GeneratedProject {
  const spec = sizes[size];
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  mkdirSync(path.join(dir, 'transcripts'), { recursive: true });
  const codes = writeCodebook(dir, spec);

  const informants = Array.from({ length: spec.transcripts }, (_, i) => `I${i}`);
  writeFileSync(
    path.join(dir, 'informants.yaml'),
    informants.map((id, i) => `${id}: {role: ${i % 2 ? 'customer' : 'owner'}, age: ${20 + (i % 20)}, shop: Toko ${i % 37}}`).join('\n') + '\n',
  );

  const word = () => {
    const r = rnd();
    return r < 0.8 ? pick(indonesian) : r < 0.96 ? pick(english) : pick(extras);
  };
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const code = () => (rnd() < 0.01 ? `tidak/ada-${Math.floor(rnd() * 5)}` : pick(codes));

  let bytes = 0;
  for (let d = 0; d < spec.transcripts; d++) {
    const id = informants[d];
    const out: string[] = ['---', `informant: ${id}`, 'source: interview', `date: 2022-11-${String(1 + (d % 28)).padStart(2, '0')}`, 'interviewer: P', '---', `# Wawancara ${d}`, ''];
    let written = 0;
    while (written < spec.words) {
      const question = 6 + Math.floor(rnd() * 15);
      out.push(`P: ${words(question)}?`, '');
      const length = 20 + Math.floor(rnd() * 100);
      const r = rnd();
      let answer: string;
      if (r < 0.06) {
        answer = words(length); // left untagged
      } else if (r < 0.1) {
        answer = `${words(length)} {-}`;
      } else if (r < 0.16) {
        answer = `${words(length)} {#${code()}${rnd() < 0.3 ? ` #${code()}` : ''}}`;
      } else if (r < 0.23) {
        const inner = `${words(3)} [${words(4)}]{#${code()}} ${words(3)}`;
        answer = `${words(Math.floor(length / 2))} [${inner}]{#${code()} | memo ${words(3)}} ${words(Math.floor(length / 2))}`;
      } else {
        answer = `${words(Math.floor(length / 3))} [${words(Math.floor(length / 6) + 1)}]{#${code()}} ${words(Math.floor(length / 2))} {-}`;
      }
      // Long answers run over several lines of one turn.
      out.push(`${id}: ${answer.replace(/(\S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+) /g, '$1\n')}`, '');
      written += question + length;
    }
    const text = out.join('\n');
    bytes += Buffer.byteLength(text);
    mkdirSync(path.join(dir, 'transcripts', String(d % 10)), { recursive: true });
    writeFileSync(path.join(dir, 'transcripts', String(d % 10), `w${String(d).padStart(4, '0')}.transcript.md`), text);
  }
  return { dir, bytes, documents: spec.transcripts, codes };
}

export interface GeneratedCommentDump {
  dir: string;
  /** The one transcript. */
  file: string;
  bytes: number;
  comments: number;
  codes: string[];
}

/**
 * A social-media comment dump as one transcript: `comments` one-line comments (turns) by
 * `commenters` commenters (the informants), of 10 to 60 words, coded as the interviews are (a
 * tag block on most, a coded span on some, 6 % untagged), about 50 MB for 200,000 comments;
 * with L's codebook.
 */
export function generateCommentDump(dir: string, comments = 200_000, commenters = 20_000, seed = 43): GeneratedCommentDump {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  mkdirSync(dir, { recursive: true });
  const codes = writeCodebook(dir, sizes.L);
  const ids = Array.from({ length: commenters }, (_, i) => `c${String(i).padStart(5, '0')}`);
  writeFileSync(path.join(dir, 'informants.yaml'), ids.map((id, i) => `${id}: {platform: ${i % 3 ? 'instagram' : 'youtube'}, followers: ${(i * 37) % 5000}}`).join('\n') + '\n');
  const word = () => {
    const r = rnd();
    return r < 0.8 ? pick(indonesian) : r < 0.96 ? pick(english) : pick(extras);
  };
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const code = () => (rnd() < 0.01 ? `tidak/ada-${Math.floor(rnd() * 5)}` : pick(codes));
  const out: string[] = ['---', 'source: documentation', 'date: 2023-01-15', '---', '# Komentar @bajupadangmurah', ''];
  for (let c = 0; c < comments; c++) {
    const length = 10 + Math.floor(rnd() * 48);
    const r = rnd();
    let comment: string;
    if (r < 0.06) comment = words(length);
    else if (r < 0.3) comment = `${words(length)} {-}`;
    else if (r < 0.8) comment = `${words(length)} {#${code()}}`;
    else comment = `${words(Math.floor(length / 2))} [${words(Math.floor(length / 3) + 1)}]{#${code()}} ${words(Math.floor(length / 4))} {-}`;
    out.push(`${pick(ids)}: ${comment}`);
  }
  const text = `${out.join('\n')}\n`;
  const file = path.join(dir, 'comments.transcript.md');
  writeFileSync(file, text);
  return { dir, file, bytes: Buffer.byteLength(text), comments, codes };
}

/**
 * A text file of one line, as a speech-to-text tool or a copied web page may leave one: "Name: "
 * and then words (the transcripts' mix, emoji and brackets included) up to about `bytes` bytes,
 * without a line break. `qda import` makes it one turn of one interview.
 */
export function generateOneLineText(file: string, bytes = 50_000_000, seed = 47): { file: string; bytes: number } {
  const rnd = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const words: string[] = ['Rina:'];
  let written = words[0].length;
  while (written < bytes) {
    const r = rnd();
    const word = r < 0.8 ? pick(indonesian) : r < 0.96 ? pick(english) : pick(extras);
    words.push(word);
    written += Buffer.byteLength(word) + 1;
  }
  const text = words.join(' ');
  writeFileSync(file, text);
  return { file, bytes: Buffer.byteLength(text) };
}
