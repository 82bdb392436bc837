// A Word transcript typed by hand: paragraphs `Name: words` (a paragraph without a name continues
// the speaker before it), or a table whose rows are time, speaker and words (or speaker and words).
// mammoth reads the .docx into HTML; htmlparser2 reads that HTML.
import { Parser as HtmlParser } from 'htmlparser2';
import mammoth from 'mammoth';
import { readInterviewText, secondsOf, type InterviewResult, type InterviewSegment } from './interviewFormats';

/** A table cell that is only a time: `00:01:02`, `1:02`, `[00:01:02]`. */
const timeCell = /^\s*[[(]?((?:\d{1,2}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?)[\])]?\s*$/;

export async function readDocxInterview(bytes: Uint8Array): Promise<InterviewResult> {
  let html: string;
  try {
    // `buffer` is what mammoth's Node build opens, `arrayBuffer` its browser build.
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    html = (await mammoth.convertToHtml({ buffer: bytes, arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer })).value;
  } catch (error) {
    return { error: `not a Word document (.docx): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const { paragraphs, rows } = docxBlocks(html);
  const segments: InterviewSegment[] = [];
  for (const block of mergeInOrder(paragraphs, rows)) {
    if (block.kind === 'row') {
      const cells = block.cells.map((c) => c.trim());
      const time = timeCell.exec(cells[0] ?? '');
      const rest = time ? cells.slice(1) : cells;
      // A header row (Time | Speaker | Text) has no time and names no speaker worth keeping.
      if (!time && rows.indexOf(block) === 0 && rest.every((c) => /^[\p{L} ]{1,20}$/u.test(c))) continue;
      if (rest.length >= 2) segments.push({ start: time ? secondsOf(time[1]) : undefined, speaker: rest[0] || undefined, text: rest.slice(1).join(' ') });
      else if (rest.length === 1) segments.push({ start: time ? secondsOf(time[1]) : undefined, text: rest[0] });
    } else {
      const read = readInterviewText('text', block.text);
      if ('ok' in read) segments.push(...read.ok.segments);
    }
  }
  return { ok: { segments } };
}

interface Paragraph {
  kind: 'paragraph';
  order: number;
  text: string;
}
interface Row {
  kind: 'row';
  order: number;
  cells: string[];
}

/** The document's paragraphs outside tables and its table rows (each cell's text), in order. */
function docxBlocks(html: string): { paragraphs: Paragraph[]; rows: Row[] } {
  const paragraphs: Paragraph[] = [];
  const rows: Row[] = [];
  let order = 0;
  let tableDepth = 0;
  let row: Row | undefined;
  let cell: string | undefined;
  let paragraph: string | undefined;
  const parser = new HtmlParser(
    {
      onopentag(name) {
        if (name === 'table') tableDepth++;
        else if (name === 'tr' && tableDepth === 1) row = { kind: 'row', order: order++, cells: [] };
        else if ((name === 'td' || name === 'th') && row) cell = '';
        else if (name === 'p' && tableDepth === 0) paragraph = '';
        else if (name === 'br') {
          if (cell !== undefined) cell += ' ';
          else if (paragraph !== undefined) paragraph += ' ';
        } else if (name === 'p' && cell) cell += ' ';
      },
      ontext(text) {
        if (cell !== undefined) cell += text;
        else if (paragraph !== undefined) paragraph += text;
      },
      onclosetag(name) {
        if (name === 'table') tableDepth--;
        else if (name === 'tr' && row && tableDepth === 1) {
          rows.push(row);
          row = undefined;
        } else if ((name === 'td' || name === 'th') && row && cell !== undefined) {
          row.cells.push(cell);
          cell = undefined;
        } else if (name === 'p' && paragraph !== undefined && tableDepth === 0) {
          if (paragraph.trim() !== '') paragraphs.push({ kind: 'paragraph', order: order++, text: paragraph });
          paragraph = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { paragraphs, rows };
}

function mergeInOrder(paragraphs: Paragraph[], rows: Row[]): (Paragraph | Row)[] {
  return [...paragraphs, ...rows].sort((a, b) => a.order - b.order);
}
