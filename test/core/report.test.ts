// The study report: the same model written as HTML, Markdown and Word, the Word file read back
// with mammoth (an independent reader) and the exemplars chosen as documented.
import * as assert from 'assert';
import mammoth from 'mammoth';
import { buildReport, reportHtml, reportMarkdown, type ReportModel } from '../../server/src/core/analyses/report';
import { reportDocx } from '../../server/src/core/exchange/reportDocx';
import { study } from '../helpers/project';

/** Every text of the model, in order: what each format must show. */
function textsOf(report: ReportModel): string[] {
  const texts = [report.title, report.summary];
  for (const section of report.sections) {
    texts.push(section.title);
    if (section.intro) texts.push(section.intro);
    for (const entry of section.entries ?? []) texts.push(entry.heading, ...entry.lines.map(([k, v]) => `${k}: ${v}`));
    for (const row of section.grid?.rows ?? []) texts.push(...row.filter((c) => c !== null && c !== undefined && c !== '').map(String));
    for (const group of section.exemplars ?? []) texts.push(group.code, ...group.quotes.map((q) => q.text));
  }
  return texts;
}

describe('the study report', () => {
  const s = study({
    'a.transcript.md': `---
informant: A
interviewer: P
source: interview
---
P: Apa?

A: [Foto <asli>]{#trust/quality} dan [harga pas]{#price/discount}.

A: [Barang selalu sesuai]{#trust/quality | exemplar: jelas sekali}.

A: [Kualitas oke]{#trust/quality}.
`,
    'memos/harga.md': '# Harga\n\nOn #price/discount, seen once.\n',
  });
  const project = s.workspace.projects.get('file:///study')!;

  it('chooses exemplars: marked first, then in order, up to the limit', () => {
    const exemplars = buildReport(project, { exemplars: 2 }).sections.find((x) => x.title === 'Exemplar quotes')!.exemplars!;
    assert.deepStrictEqual(exemplars.find((e) => e.code === 'trust/quality')!.quotes.map((q) => [q.text, q.marked, q.place]), [
      ['Barang selalu sesuai', true, 'a.transcript.md:10'],
      ['Foto <asli>', false, 'a.transcript.md:8'],
    ]);
    assert.strictEqual(buildReport(project, { exemplars: 'all' }).sections.find((x) => x.title === 'Exemplar quotes')!.exemplars!.find((e) => e.code === 'trust')!.quotes.length, 3);
  });

  it('lists the memos of each code: the quote’s, with its place and informant, and the memo files naming it', () => {
    const memos = buildReport(project).sections.find((x) => x.title === 'Memos')!.entries!;
    assert.deepStrictEqual(memos, [
      { heading: 'trust/quality', lines: [['a.transcript.md:10 · A', 'exemplar: jelas sekali']] },
      { heading: 'price/discount', lines: [['memos/harga.md:1', 'Harga: On #price/discount, seen once.']] },
    ]);
  });

  it('writes a Word file whose text, read back by mammoth, is the report', async () => {
    const report = buildReport(project);
    const docx = await reportDocx(report);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    let at = 0;
    for (const text of textsOf(report)) {
      const found = value.indexOf(text.split(': ').pop()!, at);
      assert.ok(found >= 0, `"${text}" not in the Word file after offset ${at}`);
      at = found;
    }
    assert.match(value, /Applied: 3 codings, 1 of 3 informants/);
  });

  it('writes HTML that escapes the transcript and runs nothing, and Markdown', () => {
    const report = buildReport(project);
    const html = reportHtml(report);
    assert.match(html, /Foto &lt;asli&gt;/);
    assert.doesNotMatch(html, /<asli>|<script/);
    assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'"/);
    const md = reportMarkdown(report);
    assert.match(md, /^# Coding report\n/);
    assert.match(md, /> Foto \\<asli\\>\n> — A, a\.transcript\.md:8/);
    for (const text of textsOf(report).slice(0, 5)) assert.ok(md.includes(text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`)) || md.includes(text), text);
  });
});
