// The REFI-QDA project import on what real and hostile files hold: many selections, selections
// that the text's own brackets, tabs and trailing spaces surround, control characters, long names,
// duplicate zip entries. Each case is checked against what the file holds, counted independently.
import * as assert from 'assert';
import { zipSync } from 'fflate';
import { importRefiProject, type ImportedProject } from '../../server/src/core/exchange/refiProjectImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

const encode = (text: string) => new TextEncoder().encode(text);

/** A PlainTextSelection of code `a` (or the codes given) from start to end. */
const selectionXml = (start: number, end: number, k: number, codes = ['a']) =>
  `<PlainTextSelection guid="s${k}" startPosition="${start}" endPosition="${end}">${codes.map((c, i) => `<Coding guid="c${k}-${i}"><CodeRef targetGUID="${c}"/></Coding>`).join('')}</PlainTextSelection>`;

/** A .qdpx of one text source (its text stored, not deflated: generated text packs too well for the zip-bomb check). */
function qdpx(text: string, selections: string, name = 'meeting.txt', extra = ''): Uint8Array {
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="qc 2.1"><CodeBook><Codes><Code guid="a" name="A" isCodable="true"/><Code guid="b" name="B" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="src" name="${name}" plainTextPath="internal://src.txt">${selections}</TextSource></Sources>${extra}</Project>`;
  return zipSync({ 'project.qde': encode(qde), 'sources/src.txt': encode(text) }, { level: 0 });
}

function imported(bytes: Uint8Array): ImportedProject {
  const result = importRefiProject(bytes, 'p.qdpx');
  if ('error' in result) assert.fail(result.error);
  return result.ok;
}

/** Each coding of a transcript as [code, its text in the plain text]. */
function codedTexts(transcript: string): [string, string][] {
  const parsed = parseTranscript(transcript);
  const chars = [...parsed.plainText];
  return [...Array(parsed.codingCount).keys()].map((i) => [parsed.codeOfCoding(i), chars.slice(parsed.plainStartOf(i), parsed.plainEndOf(i)).join('')]);
}

/**
 * A meeting as the qc tool exports it (issue 26): `Speaker 1:` and a tab, lines ending in spaces,
 * `[inaudible 00:01:42]` and other brackets in the text (one broken over two lines, one never
 * closed, a stray `]`), braces and backslashes; 79 lines of words and blank lines between turns.
 */
function qcMeeting(label: (n: number) => string): { text: string; lines: string[] } {
  const says = [
    'Good morning, everyone. Thanks for joining.',
    'Thanks. [inaudible 00:01:42] so we start with the budget?',
    'Right, the budget [crosstalk] is late again.',
    'I think [laughs] we can fix it {maybe} by Friday.',
    'It is in C:\\shared\\notes [see agenda], item 3.',
    '[inaudible 00:02:10]',
    'We said last time [inaudible',
    '\t00:03:05] that the rollout waits.',
    'Okay ] moving on.',
    'The [draft is still open, [sic] I think.',
    '[1> is how the ticket is numbered, <3 it.',
  ];
  const lines: string[] = [];
  for (let i = 0; i < 79; i++) {
    const say = says[i % says.length];
    lines.push(`${say.startsWith('\t') ? '' : `${label(i % 3)}:\t`}${say}${' '.repeat(i % 4)}`);
    if (i % 5 === 4) lines.push(i % 10 === 4 ? '' : '   ');
  }
  return { text: lines.join('\n') + '\n', lines };
}

/** Two selections of each line with words (codes a and b): without its line break and with it. */
function wholeLines(lines: string[]): { xml: string; ranges: [number, number, string][] } {
  const ranges: [number, number, string][] = [];
  let at = 0;
  for (const line of lines) {
    const length = [...line].length;
    if (line.trim()) ranges.push([at, at + length, 'a'], [at, at + length + 1, 'b']);
    at += length + 1;
  }
  return { xml: ranges.map(([s, e, code], k) => selectionXml(s, e, k, [code])).join(''), ranges };
}

describe('REFI-QDA project import (core)', function () {
  this.timeout(120000);

  it('places every selection of whole lines of a qc meeting: tabs after labels, trailing spaces, [inaudible 00:01:42] and broken brackets in the text', () => {
    const { text, lines } = qcMeeting((n) => `Speaker ${n + 1}`);
    const { xml, ranges } = wholeLines(lines);
    assert.strictEqual(ranges.length, 158);
    const project = imported(qdpx(text, xml));
    const transcript = project.files.find((f) => f.path === 'transcripts/meeting.transcript.md')!.text;
    assert.strictEqual(parseTranscript(transcript).plainText, text);
    // Where a selection's line break is followed by a blank line, a span closing on that line would
    // join two paragraphs: the span ends before the break (and the note says so).
    const chars = [...text];
    const expected = ranges.map(([start, end, code]): [string, string] => {
      const blankAfter = chars[end - 1] === '\n' && /^[ \t]*(\n|$)/.test(chars.slice(end).join(''));
      return [code, chars.slice(start, blankAfter && end < chars.length ? end - 1 : end).join('')];
    });
    const sort = (pairs: [string, string][]) => pairs.map((p) => JSON.stringify(p)).sort();
    assert.deepStrictEqual(sort(codedTexts(transcript)), sort(expected));
    assert.deepStrictEqual([project.selections, project.placed], [158, 158]);
    assert.deepStrictEqual(project.notes, [
      `source "meeting.txt": ${expected.filter(([, t], k) => t !== chars.slice(ranges[k][0], ranges[k][1]).join('')).length} selection(s) placed without the line breaks or speaker's label at their edges, which a span there would have turned into text (paragraphs and turns stay as they are)`,
    ]);
  });

  it('places 200,000 selections of one source (no spread of a large array into a call)', () => {
    const words: string[] = [];
    const ranges: [number, number][] = [];
    let text = '';
    for (let i = 0; i < 200_000; i++) {
      const word = `w${(i * 7919) % 100_003}`;
      ranges.push([text.length, text.length + word.length]);
      words.push(word);
      text += word + (i % 20 === 19 ? '\n\n' : ' ');
    }
    const project = imported(qdpx(text, ranges.map(([s, e], k) => selectionXml(s, e, k)).join('')));
    assert.deepStrictEqual([project.selections, project.placed, project.notes], [200_000, 200_000, []]);
    const transcript = project.files.find((f) => f.path === 'transcripts/meeting.transcript.md')!.text;
    const coded = codedTexts(transcript);
    assert.strictEqual(coded.length, 200_000);
    assert.ok(coded.every(([code, text], i) => code === 'a' && text === words[i]));
  });

  it('replaces control characters of a source (an inline &#0;, a NUL or a bell in its file, a lone surrogate) and of notes with U+FFFD, keeping positions, and says so', () => {
    const selections = (k: number) => selectionXml(8, 13, k) + selectionXml(14, 19, k + 1);
    const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="a" name="A" isCodable="true"/></Codes></CodeBook><Sources>
      <TextSource guid="s1" name="inline"><PlainTextContent>Halo &#0;&#7; kata1 kata2 &#xD800;.</PlainTextContent>${selections(0).replace('<Coding', '<NoteRef targetGUID="n"/><Coding')}</TextSource>
      <TextSource guid="s2" name="file" plainTextPath="internal://s2.txt">${selections(2)}</TextSource>
    </Sources><Notes><Note guid="n"><PlainTextContent>memo&#7; penting</PlainTextContent></Note></Notes></Project>`;
    const project = imported(zipSync({ 'project.qde': encode(qde), 'sources/s2.txt': encode('Halo \u0000\u0007 kata1 kata2 \u001b[0m.') }));
    const transcript = (name: string) => project.files.find((f) => f.path === `transcripts/${name}.transcript.md`)!.text;
    assert.strictEqual(parseTranscript(transcript('inline')).plainText, 'Halo \uFFFD\uFFFD kata1 kata2 \uFFFD.');
    assert.strictEqual(parseTranscript(transcript('file')).plainText, 'Halo \uFFFD\uFFFD kata1 kata2 \uFFFD[0m.');
    for (const name of ['inline', 'file']) {
      assert.doesNotMatch(transcript(name), /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      assert.deepStrictEqual(codedTexts(transcript(name)), [['a', 'kata1'], ['a', 'kata2']]);
    }
    assert.strictEqual(parseTranscript(transcript('inline')).codings[0].memo, 'memo\uFFFD penting');
    assert.deepStrictEqual([project.placed, project.notes], [
      4,
      [
        'source "inline": 3 control characters (the first: U+0000) are replaced by U+FFFD (a vertical tab or form feed by a space), one for one (selections keep their places)',
        'source "file": 3 control characters (the first: U+0000) are replaced by U+FFFD (a vertical tab or form feed by a space), one for one (selections keep their places)',
        'notes: 1 control character (the first: U+0007) is replaced by U+FFFD (a vertical tab or form feed by a space)',
      ],
    ]);
  });

  it("writes every note that is not a placed span's memo as a memo file saying what it is on; descriptions of the project, a source, a case and a selection are kept", () => {
    const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="Studi" origin="ATLAS.ti 24"><CodeBook><Codes><Code guid="a" name="Harga" isCodable="true"><NoteRef targetGUID="n-code"/></Code></Codes></CodeBook>
      <Cases><Case guid="c" name="Ibu Sari"><Description>Pemilik toko.</Description><SourceRef targetGUID="s"/></Case></Cases>
      <Sources><TextSource guid="s" name="wawancara.txt"><Description>Wawancara pertama</Description><PlainTextContent>Harga murah sekali.</PlainTextContent>
        <PlainTextSelection guid="p1" startPosition="0" endPosition="5"><Description>kata kunci</Description><Coding guid="k1"><CodeRef targetGUID="a"/></Coding><NoteRef targetGUID="n-span"/></PlainTextSelection>
        <PlainTextSelection guid="p2" startPosition="6" endPosition="99"><Coding guid="k2"><CodeRef targetGUID="a"/></Coding><NoteRef targetGUID="n-lost"/></PlainTextSelection>
        <NoteRef targetGUID="n-source"/></TextSource></Sources>
      <Notes><Note guid="n-code" name="Tentang harga"><PlainTextContent>Harga sering disebut.</PlainTextContent></Note><Note guid="n-span" name="x"><PlainTextContent>memo span</PlainTextContent></Note>
        <Note guid="n-lost" name="Catatan hilang?"><PlainTextContent>Tidak hilang.</PlainTextContent></Note><Note guid="n-source" name="Tentang wawancara"><PlainTextContent>Direkam di toko.</PlainTextContent></Note>
        <Note guid="n-free" name="Ide"><PlainTextContent>Bandingkan dengan toko lain.</PlainTextContent></Note></Notes>
      <Description>Studi toko Instagram di Padang.</Description></Project>`;
    const project = imported(zipSync({ 'project.qde': encode(qde) }));
    const file = (path: string) => project.files.find((f) => f.path === path)?.text;
    assert.deepStrictEqual(project.files.map((f) => f.path), ['codebook.yaml', 'informants.yaml', 'transcripts/wawancara.transcript.md', 'memos/Catatan hilang-.md', 'memos/Tentang wawancara.md', 'memos/Tentang harga.md', 'memos/Ide.md', 'memos/Description of Studi.md']);
    assert.strictEqual(file('transcripts/wawancara.transcript.md'), '---\ninformant: Ibu-Sari\nsource: documentation\ndescription: Wawancara pertama\n---\n[Harga]{#harga | memo span\nkata kunci} murah sekali.');
    assert.strictEqual(file('memos/Catatan hilang-.md'), '# Catatan hilang?\n\nOn a selection of #harga at 6–99 of [transcripts/wawancara.transcript.md](../transcripts/wawancara.transcript.md), which could not be placed (see the import\'s notes).\n\nTidak hilang.\n');
    assert.strictEqual(file('memos/Tentang wawancara.md'), '# Tentang wawancara\n\nOn [transcripts/wawancara.transcript.md](../transcripts/wawancara.transcript.md).\n\nDirekam di toko.\n');
    assert.strictEqual(file('memos/Tentang harga.md'), '# Tentang harga\n\nOn the code #harga.\n\nHarga sering disebut.\n');
    assert.strictEqual(file('memos/Ide.md'), '# Ide\n\nBandingkan dengan toko lain.\n');
    assert.strictEqual(file('memos/Description of Studi.md'), '# Description of Studi\n\nStudi toko Instagram di Padang.\n');
    assert.strictEqual(file('informants.yaml')!.split('\n\n')[1], 'Ibu-Sari:\n  description: Pemilik toko.\n');
    assert.deepStrictEqual(project.notes, ['source "wawancara.txt": selection of #harga at 6–99: outside the text or empty; not placed']);
  });

  it('offers a speaker of every transcript, who names no informant, as the interviewer of a project from another tool', () => {
    const source = (k: number, text: string) => `<TextSource guid="s${k}" name="w${k}.txt"><PlainTextContent>${text}</PlainTextContent></TextSource>`;
    const project = (origin: string, texts: string[]) => `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="${origin}"><Cases><Case guid="c" name="R1"/></Cases><Sources>${texts.map((t, k) => source(k, t)).join('')}</Sources></Project>`;
    const interviews = ['I: Halo?\n\nR1: Halo.\n\nI: Lalu?\n\nR1: Ya.', 'I: Mulai.\n\nR2: Baik.\n\nI: Terima kasih.', 'Catatan lapangan tanpa giliran.'];
    const first = imported(zipSync({ 'project.qde': encode(project('NVivo 14', interviews)) }));
    // I speaks twice in both transcripts with turns; R1 is an informant; R2 speaks in one.
    assert.deepStrictEqual(first.files.filter((f) => f.path.startsWith('transcripts/')).map((f) => f.text.split('---\n')[1]), ['source: documentation\ninterviewer: I\n', 'source: documentation\ninterviewer: I\n', 'source: documentation\n']);
    assert.deepStrictEqual(first.notes, ["interviewer: I written in the front matter of the 2 transcripts with turns, as I speaks in every one and names no informant (so I's turns are not counted as quotes); change it where I is not the researcher"]);
    // Two such speakers: only named. This tool's own projects: nothing offered.
    const two = imported(zipSync({ 'project.qde': encode(project('MAXQDA 24', ['I: a\n\nJ: b\n\nI: c\n\nJ: d', 'J: a\n\nI: b\n\nJ: c\n\nI: d'])) }));
    assert.deepStrictEqual(two.notes, ['the speakers I, J speak in every one of the 2 transcripts with turns: if one of them is the researcher, write it as interviewer: in their front matter, so that its turns are not counted as quotes']);
    assert.deepStrictEqual(imported(zipSync({ 'project.qde': encode(project('QDA Workbench', interviews)) })).notes, []);
  });
});
