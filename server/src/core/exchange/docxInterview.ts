// A Word transcript typed by hand: paragraphs `Name: words` (a paragraph without a name continues
// the speaker before it), or a table whose rows are time, speaker and words (or speaker and words).
// mammoth reads the .docx into HTML (once archiveLimits.ts has checked the archive's sizes);
// htmlparser2 reads that HTML.
import { Parser as HtmlParser } from 'htmlparser2';
import mammoth from 'mammoth';
import { checkArchive, docxLimits } from './archiveLimits';
import { readInterviewText, secondsOf, type InterviewResult, type InterviewSegment } from './interviewFormats';

/** A table cell that is only a time: `00:01:02`, `1:02`, `[00:01:02]`. */
const timeCell = /^\s*[[(]?((?:\d{1,2}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?)[\])]?\s*$/;

/** Pictures are not words: mammoth is never asked to read them (it would inline each as base64). */
const noImages = mammoth.images.imgElement(async () => ({ src: '' }));

export async function readDocxInterview(bytes: Uint8Array): Promise<InterviewResult> {
  // The archive is untrusted: mammoth's zip library unpacks an entry whole before it checks its size.
  const problem = checkArchive(bytes, docxLimits);
  if (problem) return { error: problem.refused ? `refused: ${problem.reason}` : `not a Word document (.docx): ${problem.reason}` };
  let html: string;
  try {
    // `buffer` is what mammoth's Node build opens, `arrayBuffer` its browser build.
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    html = (await mammoth.convertToHtml({ buffer: bytes, arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer }, { convertImage: noImages })).value;
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
      // A header row (Time | Speaker | Text) names no speaker: its words are kept as a paragraph
      // before the turns. A first row whose "speaker" speaks again in the table is a turn.
      if (!time && rows.indexOf(block) === 0 && rest.every((c) => /^[\p{L} ]{1,20}$/u.test(c)) && !rows.slice(1).some((r) => speakerCell(r) === rest[0])) {
        segments.push({ text: rest.join(' ') });
      } else if (rest.length >= 2) segments.push({ start: time ? secondsOf(time[1]) : undefined, speaker: rest[0] || undefined, text: rest.slice(1).join(' ') });
      else if (rest.length === 1) segments.push({ start: time ? secondsOf(time[1]) : undefined, text: rest[0] });
    } else if (block.heading) {
      // A heading (Word's Heading styles) is a paragraph between the turns, never a speaker's line.
      segments.push({ text: block.text, heading: true });
    } else {
      const read = readInterviewText('text', block.text);
      if ('ok' in read) for (const segment of read.ok.segments) segments.push(segment);
    }
  }
  return { ok: { segments } };
}

interface Paragraph {
  kind: 'paragraph';
  order: number;
  text: string;
  /** A heading (`<h1>`…`<h6>`, from Word's Heading styles). */
  heading: boolean;
}
interface Row {
  kind: 'row';
  order: number;
  cells: string[];
}

/**
 * The document's paragraphs outside tables (paragraphs, headings, list items: mammoth's `<p>`,
 * `<h1>`…`<h6>`, `<li>`) and its table rows (each cell's text), in order.
 */
function docxBlocks(html: string): { paragraphs: Paragraph[]; rows: Row[] } {
  const paragraphs: Paragraph[] = [];
  const rows: Row[] = [];
  let order = 0;
  let tableDepth = 0;
  let row: Row | undefined;
  let cell: string | undefined;
  let paragraph: Paragraph | undefined;
  const blocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);
  const endParagraph = () => {
    if (paragraph && paragraph.text.trim() !== '') paragraphs.push(paragraph);
    paragraph = undefined;
  };
  const parser = new HtmlParser(
    {
      onopentag(name) {
        if (name === 'table') {
          if (tableDepth === 0) endParagraph();
          tableDepth++;
        } else if (name === 'tr' && tableDepth === 1) row = { kind: 'row', order: order++, cells: [] };
        else if ((name === 'td' || name === 'th') && row) cell = '';
        else if (blocks.has(name) && tableDepth === 0) {
          // A list inside a list item ends the item's own text.
          endParagraph();
          paragraph = { kind: 'paragraph', order: order++, text: '', heading: /^h[1-6]$/.test(name) };
        } else if (name === 'br') {
          if (cell !== undefined) cell += ' ';
          else if (paragraph !== undefined) paragraph.text += ' ';
        } else if (name === 'p' && cell) cell += ' ';
      },
      ontext(text) {
        if (cell !== undefined) cell += text;
        else if (tableDepth > 0) return;
        else if (paragraph !== undefined) paragraph.text += text;
        // Text in no paragraph (none that mammoth writes): a paragraph of its own, so it is kept.
        else if (text.trim() !== '') paragraph = { kind: 'paragraph', order: order++, text, heading: false };
      },
      onclosetag(name) {
        if (name === 'table') tableDepth--;
        else if (name === 'tr' && row && tableDepth === 1) {
          rows.push(row);
          row = undefined;
        } else if ((name === 'td' || name === 'th') && row && cell !== undefined) {
          row.cells.push(cell);
          cell = undefined;
        } else if (blocks.has(name) && tableDepth === 0) endParagraph();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  endParagraph();
  return { paragraphs, rows };
}

/** The speaker's cell of a row: the first, or the second after a time. */
function speakerCell(row: Row): string | undefined {
  const cells = row.cells.map((c) => c.trim());
  return timeCell.test(cells[0] ?? '') ? cells[1] : cells[0];
}

function mergeInOrder(paragraphs: Paragraph[], rows: Row[]): (Paragraph | Row)[] {
  return [...paragraphs, ...rows].sort((a, b) => a.order - b.order);
}
