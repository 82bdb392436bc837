// Protocol tests on the sample study: the built server, spawned over stdio, driven as an editor
// drives it. What it keeps in step (open documents, files on disk, a broken codebook), what it
// publishes, and the views' requests on the sample's numbers. Each request's wiring is in
// wiring.test.ts; what each feature answers, in test/languageService/.
import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { CompletionList, DocumentSymbol, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { main as qda } from '../../server/src/cli/qda';
import { LineIndex } from '../../server/src/core/text/text';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { applyEdits } from '../../server/src/languageService/codeActions';
import { fixture, r } from '../helpers/fixture';
import { TestClient } from '../helpers/lspClient';
import * as protocol from '../../server/src/protocol';

const repo = path.resolve(__dirname, '../../..');

describe('language server over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  const uri = (relative: string) => URI.file(path.join(dir, 'sample', relative)).toString();
  const codebookUri = () => uri('codebook.yaml');
  /** 0-based line of the first line of a sample file that contains `needle`. */
  const lineOf = (relative: string, needle: string) => readFileSync(path.join(dir, 'sample', relative), 'utf8').split('\n').findIndex((l) => l.includes(needle));

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-lsp-'));
    cpSync(path.join(repo, 'sample'), path.join(dir, 'sample'), { recursive: true });
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    // The sample's 14 untagged quotes stand in 11 files; the codebook and informants have no problems.
    await client.waitFor('startup diagnostics', () => [...client.diagnostics.values()].filter((d) => d.length > 0).length === 11);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for every transcript at startup, open or not', () => {
    const all = [...client.diagnostics.entries()].filter(([, d]) => d.length > 0);
    assert.strictEqual(all.reduce((n, [, d]) => n + d.length, 0), 14);
    const ay = client.diagnostics.get(uri('transcripts/customers/ay.transcript.md'))!;
    assert.deepStrictEqual(
      ay.map((d) => [d.code, d.severity, r(d.range), d.source]),
      [['untagged-quote', 2, r({ start: { line: 27, character: 0 }, end: { line: 27, character: 2 } }), 'qda']],
    );
  });

  describe('on an open transcript', () => {
    const docUri = () => uri('transcripts/customers/test.transcript.md');
    afterEach(() => client.close(docUri()));

    it('reports an unknown code as the user types it, and clears it when fixed', async () => {
      const f = fixture('---\ninformant: SR\ninterviewer: P\n---\nSR: [murah]{#⟦price/low-price⟧}\n');
      await client.open(docUri(), f.text);
      const diagnostics = await client.diagnosticsFor(docUri(), (d) => d.length === 1);
      assert.deepStrictEqual(
        diagnostics.map((d) => [d.code, d.severity, r(d.range), d.message, d.data]),
        [
          [
            'unknown-code',
            1,
            r(f.ranges[0]),
            "Unknown code 'price/low-price': it is not in codebook.yaml. Did you mean 'price/low-prices'?",
            { code: 'price/low-price', suggestions: ['price/low-prices'] },
          ],
        ],
      );
      await client.change(docUri(), [{ range: { start: f.ranges[0].end, end: f.ranges[0].end }, text: 's' }]);
      await client.diagnosticsFor(docUri(), (d) => d.length === 0);
    });

  });

  it('renames a theme from its codebook key: every tag in every file, sub-codes included, and nothing else', async () => {
    const codebookLine = lineOf('codebook.yaml', 'trust:');
    const prepare = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: codebookUri() },
      position: { line: codebookLine, character: 2 },
    });
    assert.deepStrictEqual(prepare, { range: { start: { line: codebookLine, character: 0 }, end: { line: codebookLine, character: 5 } }, placeholder: 'trust' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: codebookUri() },
      position: { line: codebookLine, character: 2 },
      newName: 'kepercayaan',
    });
    const changes = edit.changes!;
    const edits = Object.values(changes).flat();
    // The key, the 19 tags of trust and its codes (grep -o '#trust' -r sample/transcripts | wc -l), the memo file's one,
    // and the line that keeps the old name in the entry (`formerly: [trust]`, docs/teams.md).
    assert.strictEqual(edits.length, 1 + 19 + 1 + 1);
    assert.strictEqual(changes[URI.file(path.join(dir, 'sample', 'memos', 'trust-before-price.md')).toString()].length, 1);
    assert.deepStrictEqual(edits.filter((e) => e.newText !== 'kepercayaan').map((e) => e.newText), ['\n  formerly: [trust]']);

    // Apply the edit to every file: the words of every transcript stay byte-identical.
    for (const [fileUri, fileEdits] of Object.entries(changes)) {
      const file = URI.parse(fileUri).fsPath;
      const before = readFileSync(file, 'utf8');
      const after = applyEdits(before, new LineIndex(before), fileEdits);
      if (file.endsWith('.transcript.md')) assert.strictEqual(parseTranscript(after).plainText, parseTranscript(before).plainText, file);
      writeFileSync(file, after);
    }
    const out: string[] = [];
    const code = await qda(['check', path.join(dir, 'sample'), '--json'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    const result = JSON.parse(out.join('\n'));
    assert.strictEqual(code, 0);
    assert.deepStrictEqual([result.errors, result.warnings, result.hints], [0, 14, 0]);
    const stats: string[] = [];
    await qda(['stats', path.join(dir, 'sample'), '--json'], { out: (l) => stats.push(l), err: () => undefined });
    assert.deepStrictEqual(JSON.parse(stats.join('\n')).codes.kepercayaan, { codings: 19, informants: 10 });
    // Put the sample back for the other tests, through the watcher as an editor would report it.
    cpSync(path.join(repo, 'sample'), path.join(dir, 'sample'), { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: Object.keys(changes).map((u) => ({ uri: u, type: 2 })),
    });
  });

  async function waitForCheck(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const result = await client.request(protocol.checkIndexRequest);
      if (result.consistent) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail('the index never matched a rebuild');
  }

  it('answers the tree and stats requests with the same numbers as qda stats', async () => {
    const stats = await client.request(protocol.statsRequest);
    assert.strictEqual(stats.projects[0].documents, 15);
    assert.deepStrictEqual(stats.projects[0].codes.trust, { codings: 19, informants: 10 });
    const tree = await client.request(protocol.treeRequest, {});
    assert.deepStrictEqual(tree.projects[0].themes.map((t) => [t.path, t.codings]), [
      ['trust', 19],
      ['networks', 23],
      ['convenience', 11],
      ['price', 17],
      ['engagement', 20],
    ]);
    assert.deepStrictEqual([tree.projects[0].informants.length, tree.projects[0].informantCount], [15, 15]);
    assert.deepStrictEqual(tree.projects[0].attributeValues.role, ['owner', 'customer']);
  });

  it('sends the tree as counts, then the branches and quotes of what a view expands', async () => {
    const outline = await client.request(protocol.treeRequest, {});
    const project = outline.projects[0];
    const [trust] = project.themes;
    const quality = trust.children[0];
    assert.deepStrictEqual(
      [quality.path, quality.byInformant, quality.notCoded, trust.notCoded, trust.notCodedCount, project.informants[0].byCode, project.untaggedQuotes, project.untagged],
      ['trust/quality-assurance', undefined, undefined, undefined, 5, undefined, 14, undefined],
    );
    // The informants who coded nothing of a theme come when its "not coded" group is expanded.
    assert.deepStrictEqual(await client.request(protocol.treeBranchesRequest, { root: project.root, of: { kind: 'notCoded', path: 'trust' } }), [
      { id: 'AY' },
      { id: 'A2' },
      { id: 'RN' },
      { id: 'DF' },
      { id: 'Ri' },
    ]);
    const full = await client.request(protocol.treeRequest, { quotes: true });
    assert.strictEqual((full.projects[0].untagged as unknown[]).length, 14);
    const root = project.root;
    const informants = (await client.request(protocol.treeBranchesRequest, { root, of: { kind: 'code', path: 'trust/quality-assurance' } })) as protocol.InformantBranch[];
    // Counted with grep: 10 codings of trust/quality-assurance, 3 of them A's.
    assert.strictEqual(informants.reduce((sum, b) => sum + b.codings, 0), 10);
    assert.deepStrictEqual(informants.find((b) => b.id === 'A'), { id: 'A', codings: 3 });
    const codesOfA = await client.request(protocol.treeBranchesRequest, { root, of: { kind: 'informant', id: 'A' } });
    assert.deepStrictEqual(codesOfA[0], { code: 'trust/quality-assurance', codings: 3 });
    // A's quotes of trust/quality-assurance: two in A's interview, one in A's Instagram documentation.
    const quotes = await client.request(protocol.treeQuotesRequest, { root, branch: { kind: 'codings', code: 'trust/quality-assurance', informant: 'A' } });
    assert.deepStrictEqual(quotes.map((q) => [q.uri.split('/').pop(), q.code]), [
      ['2022-11-instagram-baju-padang-murah.transcript.md', 'trust/quality-assurance'],
      ['a-baju-padang-murah.transcript.md', 'trust/quality-assurance'],
      ['a-baju-padang-murah.transcript.md', 'trust/quality-assurance'],
    ]);
    const untagged = await client.request(protocol.treeQuotesRequest, { root, branch: { kind: 'untagged' } });
    assert.strictEqual(untagged.length, 14);
    // The view shows them by informant.
    const untaggedBy = (await client.request(protocol.treeBranchesRequest, { root, of: { kind: 'untagged' } })) as protocol.UntaggedBranch[];
    assert.strictEqual(untaggedBy.reduce((sum, b) => sum + b.quotes, 0), 14);
    const first = await client.request(protocol.treeQuotesRequest, { root, branch: { kind: 'untagged', informant: untaggedBy[0].id ?? null } });
    assert.strictEqual(first.length, untaggedBy[0].quotes);
    assert.deepStrictEqual(await client.request(protocol.treeQuotesRequest, { root: 'file:///nowhere', branch: { kind: 'untagged' } }), []);
    assert.deepStrictEqual(await client.request(protocol.treeBranchesRequest, { root: 'file:///nowhere', of: { kind: 'informant', id: 'A' } }), []);
  });

  it('filters the tree by informant attribute, source and text', async () => {
    const owners = await client.request(protocol.treeRequest, { filter: { attributes: { role: 'owner' } } });
    assert.strictEqual(owners.projects[0].totalInformants, 7);
    assert.deepStrictEqual(owners.projects[0].informants.map((i) => i.id), ['A', 'EGA', 'YFD', 'N', 'V', 'FA', 'RM']);
    // Counted with grep over the owners' interviews and A's and V's notes: 15 trust codings.
    assert.deepStrictEqual(owners.projects[0].themes.map((t) => [t.path, t.codings, t.informants]).slice(0, 1), [['trust', 15, 7]]);
    const observation = await client.request(protocol.treeRequest, { filter: { sources: ['observation'] } });
    assert.deepStrictEqual(
      observation.projects[0].themes.filter((t) => t.codings > 0).map((t) => [t.path, t.codings]),
      [
        ['trust', 1],
        ['networks', 2],
        ['convenience', 2],
      ],
    );
    const text = await client.request(protocol.treeRequest, { filter: { text: 'COD' } });
    assert.deepStrictEqual(text.projects[0].themes.filter((t) => t.codings > 0).map((t) => t.path), ['convenience']);
  });

  it('picks up files created on disk, and forgets deleted ones', async () => {
    const file = path.join(dir, 'sample/transcripts/customers/df.transcript.md');
    writeFileSync(file, '---\ninformant: DF\n---\nDF: [Ongkirnya gratis]{#price/free-shiping}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 1 }] });
    const diagnostics = await client.diagnosticsFor(URI.file(file).toString(), (d) => d.length === 1);
    assert.strictEqual(diagnostics[0].code, 'unknown-code');
    rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(file).toString(), type: 3 }] });
    await client.diagnosticsFor(URI.file(file).toString(), (d) => d.length === 0);
    await waitForCheck();
  });

  it('keeps the last good codebook while codebook.yaml has a YAML error, and shows the error at its line', async () => {
    const text = readFileSync(path.join(dir, 'sample/codebook.yaml'), 'utf8');
    const broken = text.replace('    quality-assurance:\n', '    quality-assurance: [\n');
    await client.open(codebookUri(), broken, 'yaml');
    const diagnostics = await client.diagnosticsFor(codebookUri(), (d) => d.some((x) => x.code === 'codebook-yaml'));
    const errorLine = broken.split('\n').findIndex((l) => l.includes('quality-assurance: ['));
    assert.ok(diagnostics.filter((d) => d.code === 'codebook-yaml').every((d) => d.range.start.line >= errorLine), JSON.stringify(diagnostics));
    const f = fixture('SR: ya {#trust/quality¦}');
    await client.open(uri('transcripts/customers/scratch.transcript.md'), f.text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uri('transcripts/customers/scratch.transcript.md') }, position: f.positions[0] });
    assert.strictEqual(list.items[0].label, 'trust/quality-assurance');
    await client.close(uri('transcripts/customers/scratch.transcript.md'));
    await client.close(codebookUri());
    await client.diagnosticsFor(codebookUri(), (d) => d.length === 0);
  });

  it('keeps an open document whose file is deleted on disk, and forgets it once closed', async () => {
    const relative = 'transcripts/customers/rn.transcript.md';
    const file = path.join(dir, 'sample', relative);
    const fileUri = uri(relative);
    const text = readFileSync(file, 'utf8');
    await client.open(fileUri, text);
    rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 3 }] });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fileUri } });
    assert.strictEqual(symbols.length, 6, 'the open text is still the document');
    await client.close(fileUri);
    await client.diagnosticsFor(fileUri, (d) => d.length === 0);
    assert.deepStrictEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: fileUri } }), []);
    // Put it back, as a file created on disk.
    cpSync(path.join(repo, 'sample', relative), file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 1 }] });
    await client.diagnosticsFor(fileUri, (d) => d.length === 1);
  });

  it('survives positions past the end, unknown files, files outside any project, and bad requests', async () => {
    const far = { line: 9999, character: 9999 };
    const sr = uri('transcripts/customers/sr.transcript.md');
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri: sr }, position: far }), null);
    assert.strictEqual(await client.request('textDocument/definition', { textDocument: { uri: 'file:///nowhere/x.transcript.md' }, position: far }), null);
    assert.deepStrictEqual(await client.request('textDocument/references', { textDocument: { uri: 'untitled:Untitled-1' }, position: far, context: { includeDeclaration: true } }), []);
    const outside = URI.file(path.join(dir, 'loose.transcript.md')).toString();
    await client.open(outside, 'A: di luar {#trust}');
    assert.strictEqual(await client.request('textDocument/completion', { textDocument: { uri: outside }, position: { line: 0, character: 14 } }), null);
    const loose = await client.diagnosticsFor(outside);
    assert.deepStrictEqual(loose.map((d) => d.code), ['outside-project']);
    await client.close(outside);
    // A malformed request is answered with nothing and logged, not a crash.
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: null, position: null }), null);
    await client.waitFor('the error in the log', () => client.logs.some((l) => l.includes('[qda] hover: TypeError')));
    await assert.rejects(client.request(protocol.codeSelectionRequest, { uri: 'file:///nowhere.txt', range: { start: far, end: far }, codes: ['a'] }));
    assert.ok(client.alive);
    assert.deepStrictEqual(await client.request(protocol.checkIndexRequest), { consistent: true, documents: 15 });
  });
});
