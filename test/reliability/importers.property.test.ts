// Imports never throw, whatever the file: arbitrary text and bytes under every name the importers
// read give a transcript or one line saying why not. Near-valid files (a real header, then noise)
// are generated too, as they reach deeper into each reader.
import * as assert from 'assert';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { readDocxInterview } from '../../server/src/core/exchange/docxInterview';
import { importInterview } from '../../server/src/core/exchange/interviewImport';
import { importRefiProject } from '../../server/src/core/exchange/refiProjectImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

const names = ['a.vtt', 'a.srt', 'a.json', 'a.tsv', 'a.txt', 'a.otr', 'a.docx'];
const headers = ['WEBVTT\n\n', '1\n00:00:01,000 --> 00:00:02,000\n', '{"segments": [', 'start\tend\ttext\n', 'Rina  0:01\n', '{"text": "<p>', 'PK\u0003\u0004', 'A: '];
const noise = fc.string({ unit: fc.constantFrom('a', ' ', '\n', ':', '<', '>', '&', '{', '}', '[', ']', '"', '\\', '0', '1', '-', '>', '\t', '😀', ',', '.') , maxLength: 200 });

describe('importers on arbitrary input (property)', () => {
  it('an interview file gives a transcript the parser reads without an error, or one line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.constantFrom('', ...headers), noise, async (name, header, rest) => {
        const result = await importInterview(name, new TextEncoder().encode(header + rest), {}, readDocxInterview);
        if ('error' in result) assert.ok(!result.error.includes('\n') && result.error.startsWith(`${name}: `), result.error);
        else assert.deepStrictEqual(parseTranscript(result.ok.text).problems.filter((p) => p.severity === 'error'), []);
      }),
      { numRuns: 400 },
    );
  });

  it('a .qdpx of any project.qde and source text gives a project or one line', () => {
    const qde = fc.tuple(fc.constantFrom('', '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">', '<Project><Sources><TextSource guid="s" name="../x" plainTextPath="internal://s.txt"><PlainTextSelection startPosition="'), noise);
    fc.assert(
      fc.property(qde, noise, ([head, body], text) => {
        const result = importRefiProject(zipSync({ 'project.qde': new TextEncoder().encode(head + body), 'sources/s.txt': new TextEncoder().encode(text) }), 'p.qdpx');
        if ('error' in result) assert.ok(!result.error.includes('\n'), result.error);
        else for (const file of result.ok.files) assert.ok(!file.path.includes('..') && !file.path.startsWith('/'), file.path);
      }),
      { numRuns: 400 },
    );
  });
});
