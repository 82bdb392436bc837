// Memos: memo files' `#code` references (not in code, URLs or headings), their titles, which
// project holds them, and the list of every memo of a project.
import * as assert from 'assert';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { memosOfCode, projectMemos } from '../../server/src/core/analyses/memos';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { codebookYaml, study, studyRoot } from '../helpers/project';
import { isMemoFile } from '../../server/src/core/project/projectFiles';
import { parseMemoFile } from '../../server/src/core/model/memoFile';

describe('memo files', () => {
  it('are the Markdown files of a memos/ folder, at any depth, not transcripts', () => {
    assert.deepStrictEqual(
      ['file:///s/memos/a.md', 'file:///s/memos/codes/trust/b.md', 'file:///s/memos/a.transcript.md', 'file:///s/notes/a.md', 'file:///s/memos/a.txt', 'file:///s/memosx/a.md'].map(isMemoFile),
      [true, true, false, false, false, false],
    );
  });

  it('refer to codes written #code, but not in code, URLs, headings or HTML entities', () => {
    const text = [
      '## Title with #trust',
      '',
      'See #trust/quality, and (#price).',
      'Not `#trust/in-code`, not https://example.org/page#anchor, not ##twice, not &#8212;.',
      '```',
      '#fenced/code',
      '```',
      'Last: #price/discount.',
    ].join('\n');
    const memo = parseMemoFile('file:///s/memos/a.md', text);
    assert.deepStrictEqual(
      memo.refs.map((r) => [r.path, text.slice(r.start, r.end)]),
      [
        ['trust', 'trust'],
        ['trust/quality', 'trust/quality'],
        ['price', 'price'],
        ['price/discount', 'price/discount'],
      ],
    );
    assert.strictEqual(memo.title, 'Title with #trust');
    assert.strictEqual(parseMemoFile('file:///s/memos/b.md', '\n  First line, no heading.\nSecond.').title, 'First line, no heading.');
  });

  it('belong to the project they stand in, also when the codebook comes after them', () => {
    const workspace = new QdaWorkspace(new MemoryFileSystem());
    workspace.setFile('file:///s/memos/a.md', 'On #trust.');
    assert.strictEqual(workspace.projects.size, 0);
    workspace.setFile('file:///s/codebook.yaml', codebookYaml);
    assert.deepStrictEqual([...workspace.projects.get('file:///s')!.memoFiles.keys()], ['file:///s/memos/a.md']);
    assert.ok(workspace.files().includes('file:///s/memos/a.md'));
    workspace.deleteFile('file:///s/memos/a.md');
    assert.strictEqual(workspace.projects.get('file:///s')!.memoFiles.size, 0);
  });
});

describe('the memos of a project', () => {
  const s = study({
    'b.transcript.md': '---\ninformant: SR\ninterviewer: P\n---\nP: Tanya?\n\nSR: [Harga pas]{#price/discount #price/discount | murah sekali} lagi {#trust | cek lagi}\n',
    'a.transcript.md': '---\ninformant: A\n---\nA: [Asli]{#trust/quality}\n\nCatatan lapangan. {#trust/testimonials |   di luar kutipan  }\n',
    'memos/codes/quality.md': '# Quality first\n\nWhy #trust/quality matters more than #price.\n',
    'memos/study.md': 'No codes here.\n',
  });
  const memos = projectMemos(s.workspace.projects.get(studyRoot)!);

  it('lists the tag blocks\' memos in transcript order, then the memo files', () => {
    assert.deepStrictEqual(
      memos.map((m) => [m.kind, s.workspace.projects.get(studyRoot)!.pathOf(m.uri), m.range.start.line, m.title, m.informant ?? null, m.codes, m.kind === 'quote' ? m.text : null]),
      [
        ['quote', 'a.transcript.md', 5, 'Catatan lapangan.', 'A', ['trust/testimonials'], 'di luar kutipan'],
        ['quote', 'b.transcript.md', 6, 'SR: Harga pas lagi', 'SR', ['price/discount'], 'murah sekali'],
        ['quote', 'b.transcript.md', 6, 'SR: Harga pas lagi', 'SR', ['trust'], 'cek lagi'],
        ['file', 'memos/codes/quality.md', 0, 'Quality first', null, ['trust/quality', 'price'], null],
        ['file', 'memos/study.md', 0, 'No codes here.', null, [], null],
      ],
    );
  });

  it('keeps those about a code or its sub-codes', () => {
    assert.deepStrictEqual(memosOfCode(memos, 'trust').map((m) => m.codes), [['trust/testimonials'], ['trust'], ['trust/quality', 'price']]);
    assert.deepStrictEqual(memosOfCode(memos, 'price/discount').map((m) => m.text), ['murah sekali']);
  });
});
