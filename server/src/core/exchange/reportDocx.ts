// The study report as a Word document (theses are written in Word), through the `docx` library:
// headings, tables with a header row, and the exemplar quotes as indented paragraphs.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Grid } from '../analyses/grid';
import type { ReportModel } from '../analyses/report';

const cellText = (cell: Grid['rows'][number][number]) => (cell === null || cell === undefined ? '—' : String(cell));

function table(grid: Grid): Table {
  const left = new Set([0, ...(grid.textColumns ?? [])]);
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (text, c) =>
          new TableCell({
            children: [new Paragraph({ alignment: left.has(c) ? AlignmentType.LEFT : AlignmentType.RIGHT, children: [new TextRun({ text, bold: header })] })],
          }),
      ),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(grid.header, true), ...grid.rows.map((r) => row(r.map(cellText), false))] });
}

/** The report as the bytes of a .docx file. */
export async function reportDocx(report: ReportModel): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }), new Paragraph(report.summary)];
  for (const section of report.sections) {
    children.push(new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1 }));
    if (section.intro) children.push(new Paragraph({ children: [new TextRun({ text: section.intro, italics: true })] }));
    if (section.grid) children.push(table(section.grid), new Paragraph(''));
    for (const entry of section.entries ?? []) {
      children.push(new Paragraph({ text: entry.heading, heading: HeadingLevel.HEADING_2 }));
      for (const [key, value] of entry.lines) children.push(new Paragraph({ children: [new TextRun({ text: `${key}: `, bold: true }), new TextRun(value)] }));
    }
    for (const group of section.exemplars ?? []) {
      children.push(new Paragraph({ text: group.code, heading: HeadingLevel.HEADING_2 }));
      if (group.quotes.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: 'No quote yet.', italics: true })] }));
      for (const quote of group.quotes) {
        const source = [quote.informant, quote.place].filter(Boolean).join(', ');
        children.push(
          new Paragraph({ indent: { left: 720 }, children: [new TextRun({ text: `“${quote.text}”` })] }),
          new Paragraph({ indent: { left: 720 }, children: [new TextRun({ text: `— ${source}${quote.memo ? ` · ${quote.memo}` : ''}`, italics: true })] }),
        );
      }
    }
  }
  const document = new Document({ creator: 'QDA Workbench', title: report.title, sections: [{ children }] });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
