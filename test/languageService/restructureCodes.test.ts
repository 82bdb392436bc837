// Merge code into… and Move code to theme…: the codebook rewritten (checked against the expected
// YAML written out by hand), every tag changed, nothing else; refusals with their reasons.
import * as assert from 'assert';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseCodebook } from '../../server/src/core/model/codebook';
import { LineIndex } from '../../server/src/core/text/text';
import { applyEdits } from '../../server/src/languageService/codeActions';
import { mergeCode, moveCode } from '../../server/src/languageService/restructureCodes';
import { codebookYaml, study, studyRoot } from '../helpers/project';

const transcripts = {
  'a.transcript.md': `---
informant: A
interviewer: P
---
P: Apa kabar?

A: [Foto asli]{#trust/quality #price/discount} dan [ulasan]{#trust/testimonials #trust/quality}.

A: Lagi. {#trust/quality | memo trust/quality} {#price}
`,
  'b.transcript.md': 'W: Harga. {#price/discount #trust/testimonials}\n\nW: Juga. {#trust/testimonials}\n',
  'memos/notes.md': '# Notes\n\nCompare #trust/testimonials with #trust/quality; see `#trust/quality` too.\n',
};

describe('restructuring the codebook', () => {
  const s = study(transcripts);
  /** Every file after the edit, by name, as text. */
  const applied = (edit: WorkspaceEdit): Record<string, string> => {
    const byUri: [string, TextEdit[]][] = edit.changes
      ? Object.entries(edit.changes)
      : (edit.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'edits' in c).map((c) => [c.textDocument.uri, c.edits as TextEdit[]]);
    return Object.fromEntries(
      byUri.map(([uri, edits]) => {
        const name = uri.slice(studyRoot.length + 1);
        const text = name.startsWith('memos/merged/') ? '' : s.file(name).text; // a merge's memo is a new file
        return [name, applyEdits(text, new LineIndex(text), edits)];
      }),
    );
  };

  describe('Move code to theme…', () => {
    it('moves a code with its definition under another theme, and every tag of it', () => {
      const result = moveCode(s.workspace, studyRoot, 'trust/testimonials', 'price');
      assert.ok('ok' in result, JSON.stringify(result));
      const files = applied(result.ok.edit);
      assert.strictEqual(
        files['codebook.yaml'],
        codebookYaml
          .replace('    testimonials: {label: Testimoni, description: Reviews from buyers.}\n', '')
          .replace('    discount: {description: Lower prices for a while.}\n', '    discount: {description: Lower prices for a while.}\n    testimonials: {label: Testimoni, description: Reviews from buyers., formerly: [trust/testimonials]}\n'),
      );
      assert.strictEqual(files['a.transcript.md'], s.file('a.transcript.md').text.replace('#trust/testimonials', '#price/testimonials'));
      assert.strictEqual(files['b.transcript.md'], 'W: Harga. {#price/discount #price/testimonials}\n\nW: Juga. {#price/testimonials}\n');
      assert.strictEqual(files['memos/notes.md'], '# Notes\n\nCompare #price/testimonials with #trust/quality; see `#trust/quality` too.\n');
      assert.strictEqual(result.ok.message, "Moved 'trust/testimonials' to 'price/testimonials': codebook.yaml and 4 references in 3 files.");
      assert.ok(parseCodebook(files['codebook.yaml']).codes.has('price/testimonials'));
    });

    it('moves a code with a block definition to a theme without codes, and to the top level', () => {
      const t = study({ ...transcripts, 'codebook.yaml': 'trust:\n  label: T\n  codes:\n    quality:\n      label: Q\n      description: Goods as shown.\nprice:\n  description: What things cost.\n' });
      const toPrice = moveCode(t.workspace, studyRoot, 'trust/quality', 'price');
      assert.ok('ok' in toPrice, JSON.stringify(toPrice));
      assert.strictEqual(
        (toPrice.ok.edit.changes![`${studyRoot}/codebook.yaml`][0] as TextEdit).newText,
        'trust:\n  label: T\nprice:\n  description: What things cost.\n  codes:\n    quality:\n      formerly: [trust/quality]\n      label: Q\n      description: Goods as shown.\n',
      );
      const toTop = moveCode(t.workspace, studyRoot, 'trust/quality', '');
      assert.ok('ok' in toTop, JSON.stringify(toTop));
      assert.strictEqual(
        (toTop.ok.edit.changes![`${studyRoot}/codebook.yaml`][0] as TextEdit).newText,
        'trust:\n  label: T\nprice:\n  description: What things cost.\nquality:\n  formerly: [trust/quality]\n  label: Q\n  description: Goods as shown.\n',
      );
      assert.match(applied(toTop.ok.edit)['a.transcript.md'], /\{#quality #price\/discount\}/);
    });

    it('refuses what cannot be done, saying why', () => {
      const refuse = (path: string, parent: string) => (moveCode(s.workspace, studyRoot, path, parent) as { error: string }).error;
      assert.strictEqual(refuse('trust/nothing', 'price'), "'trust/nothing' is not in codebook.yaml.");
      assert.strictEqual(refuse('trust/quality', 'nowhere'), "'nowhere' is not in codebook.yaml.");
      assert.strictEqual(refuse('trust', 'trust/quality'), "'trust' cannot be moved into itself.");
      assert.strictEqual(refuse('trust/quality', 'trust'), "'trust/quality' is already under 'trust'.");
      assert.strictEqual(refuse('price', ''), "'price' is already a theme.");
      const clash = study({ ...transcripts, 'codebook.yaml': `${codebookYaml}quality:\n  description: A theme of the same name.\n` });
      assert.strictEqual((moveCode(clash.workspace, studyRoot, 'trust/quality', '') as { error: string }).error, "'quality' already exists in codebook.yaml; rename one of them first.");
      const flow = study({ ...transcripts, 'codebook.yaml': 'trust: {codes: {quality: {description: Q}}}\nprice: {description: P}\n' });
      assert.match((moveCode(flow.workspace, studyRoot, 'trust/quality', 'price') as { error: string }).error, /flow style/);
      const broken = study({ ...transcripts, 'codebook.yaml': `${codebookYaml}  : [\n` });
      assert.strictEqual((moveCode(broken.workspace, studyRoot, 'trust/quality', 'price') as { error: string }).error, 'codebook.yaml has a syntax error: correct it first.');
    });
  });

  describe('Merge code into…', () => {
    it('turns every tag of a code into the other, leaves no duplicate in a block, removes it from the codebook and keeps its definition in a memo', () => {
      const result = mergeCode(s.workspace, studyRoot, 'trust/quality', 'trust/testimonials', '2026-12-05');
      assert.ok('ok' in result, JSON.stringify(result));
      const files = applied(result.ok.edit);
      assert.strictEqual(
        files['a.transcript.md'],
        s.file('a.transcript.md').text
          .replace('{#trust/quality #price/discount}', '{#trust/testimonials #price/discount}')
          .replace('{#trust/testimonials #trust/quality}', '{#trust/testimonials}')
          .replace('{#trust/quality | memo trust/quality}', '{#trust/testimonials | memo trust/quality}'),
      );
      assert.strictEqual(files['b.transcript.md'], undefined); // nothing of trust/quality there
      // The memo file's reference follows; the code in backticks is an example, not a reference.
      assert.strictEqual(files['memos/notes.md'], '# Notes\n\nCompare #trust/testimonials with #trust/testimonials; see `#trust/quality` too.\n');
      const expectedCodebook = codebookYaml
        .replace(/ {4}quality:\n(?: {6}.*\n)+/, '')
        .replace('testimonials: {label: Testimoni, description: Reviews from buyers.}', 'testimonials: {label: Testimoni, description: Reviews from buyers., formerly: [trust/quality]}');
      assert.strictEqual(files['codebook.yaml'], expectedCodebook);
      assert.deepStrictEqual([...parseCodebook(expectedCodebook).codes.keys()], ['trust', 'trust/testimonials', 'price', 'price/discount']);
      assert.deepStrictEqual([...parseCodebook(expectedCodebook).renames], [['trust/quality', 'trust/testimonials']]);
      assert.strictEqual(
        files['memos/merged/trust-quality-into-trust-testimonials.md'],
        '# trust/quality merged into #trust/testimonials\n\nOn 2026-12-05 the code `trust/quality` was merged into #trust/testimonials: its tags now read #trust/testimonials. Its definition, as codebook.yaml had it:\n\n- Label: Kualitas\n- Description: Goods arrive as shown.\n- Include: Real photos.\n- Exclude: Price alone.\n- Example: Barangnya sama dengan foto.\n',
      );
      assert.deepStrictEqual(result.ok.edit.documentChanges![0], { kind: 'create', uri: `${studyRoot}/memos/merged/trust-quality-into-trust-testimonials.md`, options: { overwrite: false, ignoreIfExists: false } });
      assert.strictEqual(
        result.ok.message,
        "Merged 'trust/quality' into 'trust/testimonials': codebook.yaml and 4 references in 2 files; the definition of 'trust/quality' is kept in memos/merged/trust-quality-into-trust-testimonials.md.",
      );
    });

    it('removes the `codes:` key of a theme whose only code is merged away', () => {
      const result = mergeCode(s.workspace, studyRoot, 'price/discount', 'trust/quality', '2026-12-05');
      assert.ok('ok' in result, JSON.stringify(result));
      const files = applied(result.ok.edit);
      assert.strictEqual(
        files['codebook.yaml'],
        codebookYaml.replace('  codes:\n    discount: {description: Lower prices for a while.}\n', '').replace(/( {4}quality:\n)/, '$1      formerly: [price/discount]\n'),
      );
      assert.strictEqual(files['b.transcript.md'], 'W: Harga. {#trust/quality #trust/testimonials}\n\nW: Juga. {#trust/testimonials}\n');
      assert.match(files['a.transcript.md'], /\[Foto asli\]\{#trust\/quality\} dan/);
    });

    it('refuses what cannot be done, saying why', () => {
      const refuse = (path: string, into: string) => (mergeCode(s.workspace, studyRoot, path, into, '2026-12-05') as { error: string }).error;
      assert.strictEqual(refuse('trust/quality', 'trust/quality'), "'trust/quality' cannot be merged into itself.");
      assert.strictEqual(refuse('trust', 'price'), "'trust' has sub-codes: merge or move them first.");
      assert.strictEqual(refuse('trust/quality', 'nothing'), "'nothing' is not in codebook.yaml.");
      assert.strictEqual(refuse('nothing', 'trust'), "'nothing' is not in codebook.yaml.");
    });
  });
});
