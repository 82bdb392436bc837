// The wiring of every request: the built server, spawned over stdio, answers each LSP request
// and each custom request of protocol.ts with exactly what the core's feature function gives
// for the same files and parameters. What the features answer is tested in
// test/languageService/; here only that each request reaches its feature and comes back whole.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { agreement, transcriptAt } from '../../server/src/core/analyses/agreement';
import { codeTree, projectStats, treeBranches, treeQuotes } from '../../server/src/core/analyses/codeTree';
import { checkIndexConsistency } from '../../server/src/core/analyses/consistency';
import { cooccurrence, cooccurrenceQuotes } from '../../server/src/core/analyses/cooccurrence';
import { matrix, matrixCellCodings, matrixColumnChoices } from '../../server/src/core/analyses/matrix';
import { projectMemos } from '../../server/src/core/analyses/memos';
import { buildReport, reportHtml } from '../../server/src/core/analyses/report';
import { codingStripes } from '../../server/src/languageService/codingStripes';
import { codeAt } from '../../server/src/languageService/cursor';
import { refiCodebook, refiProject } from '../../server/src/core/exchange/refiExport';
import { importRefiCodebook } from '../../server/src/core/exchange/refiImport';
import { parseSegmentExpression, segments } from '../../server/src/core/analyses/segments';
import { triangulation } from '../../server/src/core/analyses/triangulation';
import type { Position, Range } from '../../server/src/core/text/text';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { adoptCodingEdit } from '../../server/src/languageService/adoptCoding';
import { codeActions, codeSelection } from '../../server/src/languageService/codeActions';
import { documentSuggestions, suggestionQualityTable } from '../../server/src/languageService/suggestionActions';
import { complete } from '../../server/src/languageService/completion';
import { codeChoices, documentInfo } from '../../server/src/languageService/documentInfo';
import { definition, documentHighlights, hover, references } from '../../server/src/languageService/navigation';
import { codesAt, nextCodingOfSameCode, nextQuoteInFile, quotesOfCode } from '../../server/src/languageService/quoteNavigation';
import { prepareRename, rename } from '../../server/src/languageService/rename';
import { mergeCode, moveCode } from '../../server/src/languageService/restructureCodes';
import { documentSymbols, foldingRanges, selectionRanges, workspaceSymbols } from '../../server/src/languageService/symbols';
import { loadCoder } from '../../server/src/node/coders';
import { readDocxInterview } from '../../server/src/core/exchange/docxInterview';
import { importInterviewFiles } from '../../server/src/core/exchange/interviewImport';
import { recordingTimeline, timestampCodeLenses } from '../../server/src/languageService/recordingTimeline';
import { importRefiProject } from '../../server/src/core/exchange/refiProjectImport';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { gitMergeState } from '../../server/src/node/gitMergeSetup';
import { replaceTranscriptText } from '../../server/src/languageService/replaceTranscriptText';
import * as protocol from '../../server/src/protocol';
import { fixture } from '../helpers/fixture';
import { TestClient } from '../helpers/lspClient';
import { codebookYaml, informantsYaml } from '../helpers/project';
import { waitUntil } from '../helpers/waitUntil';

/** The clients of this file's suites: the last test checks that together they asked every request. */
const wiringClients: TestClient[] = [];
/** The notifications from the server that a case of this file waited for and received. */
const received = new Set<string>();

const files: Record<string, string> = {
  'codebook.yaml': codebookYaml.replace('    quality:\n', '    qual¦ity:\n'),
  'informants.yaml': informantsYaml,
  'interviews/a.transcript.md': `---
informant: A
interviewer: P
source: interview
---
P: Apa kabar?¦

¦A: [Foto asli]{#trust/qu¦ality #trust} dan
  [ulasan]{#trust/testimonials #trust/qualty | ulasan pembeli}.

A: Belum tahu.¦
`,
  'interviews/sr.transcript.md': `---
informant: SR
interviewer: P
media: ../recordings/sr.ogg
---
P: [00:00:02] Kenapa?

R: [00:00:04.5] [⟦Murah⟧]{#price/discount} dan [bagus]{#trust/quality}.
`,
};

describe('the wiring of every request', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  /** The same files, read by the core in this process. */
  const core = new QdaWorkspace(new NodeFileSystem());
  const marks = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, fixture(text)]));
  const uri = (name: string) => URI.file(path.join(dir, name)).toString();
  const at = (name: string, k = 0): { uri: string; position: Position } => ({ uri: uri(name), position: marks[name].positions[k] });
  const doc = (name: string, k = 0) => ({ textDocument: { uri: uri(name) }, position: marks[name].positions[k] });
  const parsed = (name: string) => core.transcript(uri(name))!;
  /** As it crosses the wire: undefined fields dropped. */
  const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null));
  const a = 'interviews/a.transcript.md';

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-wiring-'));
    for (const [name, f] of Object.entries(marks)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), f.text);
    }
    await core.addFolder(URI.file(dir).toString());
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    wiringClients.push(client);
    await client.request(protocol.checkIndexRequest);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the LSP requests with the language service', async () => {
    const ask = <R>(method: string, params: unknown) => client.request<R>(method, params);
    const { uri: aUri, position: onCode } = at(a, 2);
    assert.deepStrictEqual(await ask('textDocument/completion', doc(a, 2)), wire(complete(parsed(a), core.projectFor(aUri), onCode)));
    assert.deepStrictEqual(await ask('textDocument/hover', doc(a, 2)), wire(hover(core, aUri, onCode)));
    assert.deepStrictEqual(await ask('textDocument/hover', doc(a, 1)), wire(hover(core, aUri, at(a, 1).position)));
    assert.deepStrictEqual(await ask('textDocument/definition', doc(a, 2)), wire(definition(core, aUri, onCode)));
    for (const includeDeclaration of [true, false]) {
      assert.deepStrictEqual(await ask('textDocument/references', { ...doc(a, 2), context: { includeDeclaration } }), wire(references(core, aUri, onCode, includeDeclaration)));
    }
    assert.deepStrictEqual(await ask('textDocument/references', { ...doc('codebook.yaml'), context: { includeDeclaration: true } }), wire(references(core, uri('codebook.yaml'), at('codebook.yaml').position, true)));
    assert.deepStrictEqual(await ask('textDocument/documentHighlight', doc(a, 2)), wire(documentHighlights(core, aUri, onCode)));
    assert.deepStrictEqual(await ask('textDocument/prepareRename', doc(a, 2)), wire((prepareRename(core, aUri, onCode) as { ok: unknown }).ok));
    assert.deepStrictEqual(await ask('textDocument/rename', { ...doc(a, 2), newName: 'kualitas' }), wire((rename(core, aUri, onCode, 'kualitas') as { ok: unknown }).ok));
    assert.deepStrictEqual(await ask('textDocument/documentSymbol', { textDocument: { uri: aUri } }), wire(documentSymbols(parsed(a))));
    assert.deepStrictEqual(await ask('workspace/symbol', { query: 'foto' }), wire(workspaceSymbols(core, 'foto')));
    assert.deepStrictEqual(await ask('textDocument/foldingRange', { textDocument: { uri: aUri } }), wire(foldingRanges(parsed(a))));
    const positions = marks[a].positions;
    assert.deepStrictEqual(await ask('textDocument/selectionRange', { textDocument: { uri: aUri }, positions }), wire(selectionRanges(parsed(a), positions)));
    const everything: Range = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const actions = await ask<unknown[]>('textDocument/codeAction', { textDocument: { uri: aUri }, range: everything, context: { diagnostics: [] } });
    assert.deepStrictEqual(actions, wire(codeActions(core, aUri, everything, { untaggedQuote: 'warning' })));
    // Not vacuous: each feature answered something.
    assert.ok(actions.length >= 3);
  });

  it("refuses with the feature's reason, as an error the editor shows", async () => {
    await assert.rejects(client.request('textDocument/rename', { ...doc(a, 2), newName: 'testimonials' }), {
      message: (rename(core, at(a, 2).uri, at(a, 2).position, 'testimonials') as { error: string }).error,
    });
    await assert.rejects(client.request(protocol.codeSelectionRequest, { uri: uri('codebook.yaml'), range: marks['interviews/sr.transcript.md'].ranges[0], codes: ['trust'] }), {
      message: 'This file is not a transcript of a QDA project.',
    });
  });

  it('answers the custom requests of protocol.ts with the core and the language service', async () => {
    const { uri: aUri, position } = at(a, 2);
    const project = core.projectFor(aUri)!;
    const root = project.root;
    const filter = { attributes: { role: 'owner' } };
    assert.deepStrictEqual(await client.request(protocol.treeRequest, { filter }), wire({ projects: [codeTree(project, filter, { quotes: false })] }));
    assert.deepStrictEqual(await client.request(protocol.treeRequest, { quotes: true }), wire({ projects: [codeTree(project, {}, { quotes: true })] }));
    const of = { kind: 'code', path: 'trust/quality' } as const;
    assert.deepStrictEqual(await client.request(protocol.treeBranchesRequest, { root, of }), wire(treeBranches(project, {}, of)));
    assert.deepStrictEqual(await client.request(protocol.treeRequest, { informants: { [root]: 501 } }), wire({ projects: [codeTree(project, {}, { quotes: false, informants: 501 })] }));
    const branch = { kind: 'codings', code: 'trust/quality', informant: 'A' } as const;
    assert.deepStrictEqual(await client.request(protocol.treeQuotesRequest, { root, branch }), wire(treeQuotes(project, {}, branch)));
    assert.deepStrictEqual(await client.request(protocol.statsRequest), wire({ projects: [projectStats(project)] }));
    assert.deepStrictEqual(await client.request(protocol.codesRequest, { uri: aUri }), wire(codeChoices(core, aUri)));
    assert.deepStrictEqual(await client.request(protocol.documentInfoRequest, { uri: aUri }), wire(documentInfo(core, aUri)));
    const sr = uri('interviews/sr.transcript.md');
    const range = marks['interviews/sr.transcript.md'].ranges[0];
    assert.deepStrictEqual(await client.request(protocol.codeSelectionRequest, { uri: sr, range, codes: ['trust'] }), wire((codeSelection(core, sr, range, ['trust']) as { ok: unknown }).ok));
    const start = at(a, 0).position;
    assert.deepStrictEqual(await client.request(protocol.nextQuoteRequest, { uri: aUri, position: start, direction: 'next', kind: 'coded' }), wire(nextQuoteInFile(core, aUri, start, 'next', 'coded')));
    assert.deepStrictEqual(await client.request(protocol.nextSameCodeRequest, { uri: aUri, position, direction: 'next' }), wire(nextCodingOfSameCode(core, aUri, position, 'next')));
    assert.deepStrictEqual(await client.request(protocol.codesAtRequest, { uri: aUri, position }), wire(codesAt(core, aUri, position)));
    assert.deepStrictEqual(await client.request(protocol.quotesOfCodeRequest, { uri: aUri, path: 'trust' }), wire(quotesOfCode(core, aUri, 'trust')));
    const matrixParams = { root, rows: 'codes' as const, columns: 'role', count: 'quotes' as const, filter: { sources: ['interview'] } };
    assert.deepStrictEqual(await client.request(protocol.matrixRequest, matrixParams), wire(matrix(project, matrixParams)));
    assert.deepStrictEqual(await client.request(protocol.cooccurrenceRequest, { root, within: { kind: 'overlap' } }), wire(cooccurrence(project, { within: { kind: 'overlap' } })));
    assert.deepStrictEqual(await client.request(protocol.triangulationRequest, { root }), wire(triangulation(project)));
    assert.deepStrictEqual(await client.request(protocol.matrixChoicesRequest, { root }), wire(matrixColumnChoices(project)));
    assert.strictEqual(await client.request(protocol.matrixRequest, { ...matrixParams, root: 'file:///nowhere' }), null);
    assert.deepStrictEqual(await client.request(protocol.segmentsRequest, { root, expression: 'trust AND price' }), wire(segments(project, { expression: parseSegmentExpression('trust AND price') })));
    await assert.rejects(client.request(protocol.segmentsRequest, { root, expression: 'trust AND' }), { message: 'the expression ends too early: a code is missing' });
    // The export travels as base64: decoded with Node's own Buffer, it must be the core's bytes exactly.
    const qdc = await client.request(protocol.refiExportRequest, { root, kind: 'qdc', name: 'study' });
    assert.strictEqual(Buffer.from(qdc, 'base64').toString('utf8'), refiCodebook(project, { name: 'study' }));
    const qdpx = await client.request(protocol.refiExportRequest, { root, kind: 'qdpx', name: 'study' });
    assert.ok(Buffer.from(qdpx, 'base64').equals(Buffer.from(refiProject(project, { name: 'study' }))));
    assert.deepStrictEqual(await client.request(protocol.refiImportRequest, { base64: qdpx, fileName: 'study.qdpx' }), wire((importRefiCodebook(Buffer.from(qdpx, 'base64'), 'study.qdpx') as { ok: unknown }).ok));
    assert.deepStrictEqual(await client.request(protocol.refiProjectImportRequest, { base64: qdpx, fileName: 'study.qdpx' }), wire((importRefiProject(Buffer.from(qdpx, 'base64'), 'study.qdpx') as { ok: unknown }).ok));
    await assert.rejects(client.request(protocol.refiProjectImportRequest, { base64: Buffer.from('not a zip').toString('base64'), fileName: 'x.qdpx' }), { message: /^x\.qdpx is not a readable \.qdpx \(zip\): / });
    await assert.rejects(client.request(protocol.refiImportRequest, { base64: Buffer.from('<!DOCTYPE x><CodeBook/>').toString('base64'), fileName: 'x.qdc' }), {
      message: 'x.qdc declares a DTD: refused, as REFI-QDA files have none and its entities could be unsafe',
    });
    const merged = await client.request(protocol.mergeCodeRequest, { root, path: 'trust/testimonials', into: 'price/discount' });
    assert.deepStrictEqual(merged, wire((mergeCode(core, root, 'trust/testimonials', 'price/discount', new Date().toISOString().slice(0, 10)) as { ok: unknown }).ok));
    assert.deepStrictEqual(await client.request(protocol.moveCodeRequest, { root, path: 'price/discount', parent: '' }), wire((moveCode(core, root, 'price/discount', '') as { ok: unknown }).ok));
    await assert.rejects(client.request(protocol.moveCodeRequest, { root, path: 'trust', parent: 'trust/qual' }), { message: "'trust/qual' is not in codebook.yaml." });
    // Each of these answers something (not an empty list), so that an equal answer means a wired request.
    const cell = { row: 'trust/quality', column: 'owner' };
    const cellCodings = await client.request(protocol.matrixCellRequest, { ...matrixParams, ...cell });
    assert.deepStrictEqual(cellCodings, wire(matrixCellCodings(project, matrixParams, cell.row, cell.column)));
    const within = { kind: 'overlap' } as const;
    const bothCodes = await client.request(protocol.cooccurrenceCellRequest, { root, within, row: 'trust', column: 'trust/testimonials' });
    assert.deepStrictEqual(bothCodes, wire(cooccurrenceQuotes(project, 'trust', 'trust/testimonials', { within })));
    assert.strictEqual(await client.request(protocol.reportRequest, { root, title: 'Study' }), reportHtml(buildReport(project, { title: 'Study' })));
    const memos = await client.request(protocol.memosRequest);
    assert.deepStrictEqual(memos, wire([{ root, memos: projectMemos(project) }]));
    const codeHere = await client.request(protocol.codeAtRequest, { uri: aUri, position });
    assert.deepStrictEqual(codeHere, wire(codeAt(core, aUri, position)));
    const stripes = await client.request(protocol.codingStripesRequest, { uri: aUri });
    assert.deepStrictEqual(stripes, wire(codingStripes(parsed(a), project)));
    assert.deepStrictEqual([cellCodings.length > 0, bothCodes.length > 0, memos[0].memos.length, codeHere?.code, stripes !== null], [true, true, 1, 'trust/quality', true]);
    const suggestions = await client.request(protocol.suggestionsRequest, { uri: aUri });
    assert.deepStrictEqual(suggestions, wire(documentSuggestions(core, aUri)));
    const quality = await client.request(protocol.suggestionQualityRequest, { root });
    assert.deepStrictEqual(quality, wire(suggestionQualityTable(project)));
    assert.deepStrictEqual([suggestions.map((s) => s.text), Object.keys(quality?.codes ?? {})], [['Belum tahu.'], ['trust', 'trust/quality', 'trust/testimonials', 'price/discount']]);
    assert.strictEqual(await client.request(protocol.suggestionQualityRequest, { root: 'file:///nowhere' }), null);
    assert.deepStrictEqual(await client.request(protocol.checkIndexRequest), wire(await checkIndexConsistency(core)));
    // The quote filters are made in the background once the study is indexed (the search above
    // may have made them first: what the log says is tested in quoteFilterPriming.test.ts).
    const status = await waitUntil(() => client.request(protocol.serverStatusRequest), (s) => s.quoteFiltersMade === true, { what: 'the quote filters' });
    assert.deepStrictEqual([status.documents, status.projects], [2, 1]);
    const { peakRssMB = 0, rssMB = 0 } = status;
    assert.ok(peakRssMB >= rssMB / 1.05 && rssMB > 10, JSON.stringify(status));
  });

  it('answers the timeline, the Code Lenses and the import with the language service and the core', async () => {
    const uri = URI.file(path.join(dir, 'interviews/sr.transcript.md')).toString();
    const parsed = core.transcript(uri)!;
    const timeline = await client.request(protocol.recordingTimelineRequest, { uri });
    assert.deepStrictEqual(timeline, wire(recordingTimeline(parsed, uri)));
    assert.deepStrictEqual([timeline?.media, timeline?.turns.map((t) => t.time)], [URI.file(path.join(dir, 'recordings', 'sr.ogg')).toString(), [2, 4.5]]);
    const lenses = await client.request<unknown[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepStrictEqual(lenses, wire(timestampCodeLenses(parsed, uri)));
    assert.strictEqual(lenses.length, 2);
    const vtt = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ani Lestari>Halo, Kak {#a}</v>\n';
    const files = [{ name: 'ani.vtt', base64: Buffer.from(vtt).toString('base64') }, { name: 'x.srt', base64: Buffer.from('nothing').toString('base64') }];
    const options = { speakers: { 'Ani Lestari': 'A' } };
    const imported = await client.request(protocol.importInterviewsRequest, { files, options });
    assert.deepStrictEqual(imported, wire(await importInterviewFiles(files, options, readDocxInterview)));
    assert.deepStrictEqual(
      imported.map((f) => ('error' in f ? f.error : f.imported.text.split('\n').at(-2))),
      ['A: [00:00:01] Halo, Kak \\{#a}', 'x.srt: not an SRT file: no cue with a time line like 00:00:01,000 --> 00:00:04,000'],
    );
  });

  it('answers Replace transcript text with the language service, and refuses with its reason', async () => {
    const file = { name: 'a-baru.txt', base64: Buffer.from('P: Apa kabar?\nA: Foto asli dan ulasan.\nA: Belum.\n').toString('base64') };
    const today = new Date().toISOString().slice(0, 10);
    const replaced = await client.request(protocol.replaceTranscriptTextRequest, { uri: uri(a), file, options: {} });
    assert.deepStrictEqual(replaced, wire((await replaceTranscriptText(core, uri(a), file, {}, today, readDocxInterview)) as { ok: unknown }).ok);
    assert.deepStrictEqual([replaced.codings, replaced.carried], [4, 4]);
    await assert.rejects(client.request(protocol.replaceTranscriptTextRequest, { uri: uri(a), file: { ...file, name: 'a.pdf' }, options: {} }), { message: /^a\.pdf: not a format the importer reads .*; a\.transcript\.md is unchanged\.$/ });
  });

  it('says a project outside a git repository has no git merging, and refuses to set it up there', async () => {
    const root = URI.file(dir).toString();
    assert.strictEqual(await client.request(protocol.gitMergeStatusRequest, { root }), null);
    await assert.rejects(client.request(protocol.gitSetupRequest, { root }), { message: `${dir} is not in a git repository (run 'git init' there first), or git is not installed.` });
  });

  it('tells the client, after an edit, that the trees changed (qda/didChangeTree)', async () => {
    const name = 'interviews/a.transcript.md';
    const before = client.treeChangeCount;
    await client.open(uri(name), marks[name].text);
    await client.change(uri(name), [{ text: `${marks[name].text}\nA: [Baru]{#price}.\n` }]);
    await client.waitFor('qda/didChangeTree', () => client.treeChangeCount > before);
    await client.close(uri(name));
    received.add(protocol.didChangeTreeNotification.method);
  });
});

describe('the wiring of Compare coding with…', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  const repo = path.resolve(__dirname, '../../..');
  const root = () => URI.file(path.join(dir, 'sample')).toString();
  const other = () => path.join(dir, 'sample-coder2');

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-compare-'));
    cpSync(path.join(repo, 'sample'), path.join(dir, 'sample'), { recursive: true });
    cpSync(path.join(repo, 'sample-coder2'), other(), { recursive: true });
    client = await TestClient.start({ folders: [URI.file(path.join(dir, 'sample')).toString()] });
    wiringClients.push(client);
    await client.request(protocol.checkIndexRequest);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the copies beside the project, compares with one as the core does, and serves its files and edits', async () => {
    assert.deepStrictEqual(await client.request(protocol.coderCandidatesRequest, { root: root() }), { folders: [other()], revisions: [] });
    const report = await client.request(protocol.compareCodingRequest, { root: root(), source: { kind: 'folder', path: other() }, unit: 'quote' });
    const own = await loadCoder({ kind: 'folder', path: path.join(dir, 'sample'), name: 'sample' });
    const theirs = await loadCoder({ kind: 'folder', path: other(), name: 'sample-coder2' });
    assert.deepStrictEqual(report, JSON.parse(JSON.stringify({ ...agreement([own, theirs], 'quote'), root: root() })));
    const d = report.disagreements[0];
    assert.strictEqual(await client.request(protocol.otherCoderTextRequest, { root: root(), path: d.path }), readFileSync(path.join(other(), d.path), 'utf8'));
    const ownFile = transcriptAt(own.project, d.path)!;
    const expected = adoptCodingEdit(ownFile.parsed, ownFile.uri, transcriptAt(theirs.project, d.path)!.parsed, d.turn) as { ok: unknown };
    assert.deepStrictEqual(await client.request(protocol.adoptCodingRequest, { root: root(), path: d.path, turn: d.turn }), JSON.parse(JSON.stringify(expected.ok)));
  });

  it('refuses, with the reason, a copy that cannot be read', async () => {
    await assert.rejects(client.request(protocol.compareCodingRequest, { root: root(), source: { kind: 'folder', path: path.join(dir, 'nowhere') }, unit: 'quote' }), {
      message: `no such folder: ${path.join(dir, 'nowhere')}`,
    });
  });
});

describe('the wiring of git merging', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  const root = () => URI.file(dir).toString();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-git-wiring-'));
    writeFileSync(path.join(dir, 'codebook.yaml'), codebookYaml);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    client = await TestClient.start({ folders: [root()] });
    wiringClients.push(client);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sets up a repository with the server's bundled driver, as the status said it needed", async () => {
    const before = await client.request(protocol.gitMergeStatusRequest, { root: root() });
    assert.deepStrictEqual(before, { ...(await gitMergeState(dir))!, needsSetup: true });
    assert.deepStrictEqual([before?.missingAttributes.length, before?.driver], [3, 'missing']);
    const { changes } = await client.request(protocol.gitSetupRequest, { root: root() });
    // The driver is dist/qda-merge.js beside the server's bundle, run by the server's runtime (this Node).
    const driver = `${process.execPath} ${path.resolve(__dirname, '../../../dist/qda-merge.js')} %O %A %B %P`;
    assert.deepStrictEqual(changes, [
      ".gitattributes: added '*.transcript.md merge=qda', 'codebook.yaml merge=qda', 'informants.yaml merge=qda'",
      'git config merge.qda.name: set to "QDA Workbench: transcripts, codebook.yaml and informants.yaml merged by meaning"',
      `git config merge.qda.driver: set to ${JSON.stringify(driver)}`,
    ]);
    assert.strictEqual(execFileSync('git', ['config', '--get', 'merge.qda.driver'], { cwd: dir, encoding: 'utf8' }).trim(), driver);
    assert.deepStrictEqual(await client.request(protocol.gitMergeStatusRequest, { root: root() }), { ...(await gitMergeState(dir))!, needsSetup: false });
    assert.deepStrictEqual(await client.request(protocol.gitSetupRequest, { root: root() }), { changes: [] });
  });
});

// Last in the file, so that every suite above has run.
describe('the wiring test itself', () => {
  /** Messages the server sends to the client, not the other way: each is tested where named. */
  const serverToClient: Record<string, string> = {
    [protocol.listFilesRequest.method]: 'test/lsp/clientFiles.test.ts',
    [protocol.readFilesRequest.method]: 'test/lsp/clientFiles.test.ts',
  };

  it('has a case for every request and notification of protocol.ts', () => {
    const methods = Object.values(protocol as Record<string, unknown>)
      .filter((value): value is { method: string } => typeof value === 'object' && value !== null && typeof (value as { method?: unknown }).method === 'string')
      .map((value) => value.method);
    assert.ok(methods.length >= 38, `protocol.ts exports ${methods.length} messages`);
    const untested = methods.filter((method) => !wiringClients.some((client) => client.asked.has(method)) && !received.has(method) && !(method in serverToClient));
    assert.deepStrictEqual(untested, []);
  });
});
