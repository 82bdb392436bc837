// Protocol tests: the built server, spawned over stdio, driven as an editor drives it.
import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { URI } from 'vscode-uri';
import type {
  CodeAction,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  SelectionRange,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { main as qda } from '../../server/src/cli/qda';
import { LineIndex } from '../../server/src/core/text';
import { parseTranscript } from '../../server/src/core/transcriptParser';
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

    async function completeAt(text: string): Promise<CompletionList> {
      const f = fixture(text);
      await client.open(docUri(), f.text);
      return client.request<CompletionList>('textDocument/completion', { textDocument: { uri: docUri() }, position: f.positions[0] });
    }

    it('completes codebook codes after `{#`, themes before their codes', async () => {
      const list = await completeAt('SR: [barangnya]{#¦}');
      assert.strictEqual(list.isIncomplete, true);
      assert.strictEqual(list.items.length, 19);
      assert.deepStrictEqual(
        list.items.slice(0, 5).map((i) => [i.label, i.detail]),
        [
          ['trust', 'Membangun kepercayaan'],
          ['trust/quality-assurance', 'Jaminan kualitas'],
          ['trust/testimonials', 'Testimoni'],
          ['trust/celebrity-endorsement', 'Endorse selebgram'],
          ['networks', 'Membangun jaringan sosial'],
        ],
      );
    });

    it('completes fuzzily on path and label, replacing the typed word', async () => {
      const f = fixture('SR: cepat {#⟦fast¦⟧}');
      await client.open(docUri(), f.text);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: docUri() }, position: f.positions[0] });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['convenience/fast-response']);
      assert.deepStrictEqual((list.items[0].textEdit as TextEdit).range, f.ranges[0]);
      await client.close(docUri());
      const byLabel = await completeAt('SR: gratis {#ongkir¦}');
      assert.deepStrictEqual(byLabel.items.map((i) => i.label), ['price/free-shipping']);
      await client.close(docUri());
      const scattered = await completeAt('SR: x {#trtst¦}');
      assert.deepStrictEqual(scattered.items[0].label, 'trust/testimonials');
    });

    it("completes a theme's codes after `theme/`", async () => {
      const list = await completeAt('SR: [murah]{#price/¦}');
      assert.deepStrictEqual(list.items.map((i) => i.label), ['price/discounts', 'price/low-prices', 'price/free-shipping', 'price/giveaways']);
    });

    it('completes informant ids and sources in the front matter', async () => {
      const informants = await completeAt('---\ninformant: ¦\n---\n');
      assert.deepStrictEqual(informants.items.map((i) => i.label), ['A', 'EGA', 'YFD', 'N', 'V', 'FA', 'RM', 'SR', 'AY', 'A2', 'Am', 'W', 'RN', 'DF', 'Ri']);
      await client.close(docUri());
      const sources = await completeAt('---\nsource: ¦\n---\n');
      assert.deepStrictEqual(sources.items.map((i) => i.label), ['interview', 'observation', 'documentation']);
    });

    it('completes speaker labels for `interviewer:` and under `speakers:`', async () => {
      const interviewer = await completeAt('---\ninterviewer: ¦\n---\nP: tanya\n\nR: jawab\n');
      assert.deepStrictEqual(interviewer.items.map((i) => i.label), ['P', 'R']);
      await client.close(docUri());
      const key = await completeAt('---\ninterviewer: P\nspeakers:\n  ¦\n---\nP: tanya\n\nR: jawab\n');
      assert.deepStrictEqual(key.items.map((i) => [i.label, (i.textEdit as TextEdit).newText]), [['R', 'R: ']]);
      await client.close(docUri());
      const value = await completeAt('---\ninterviewer: P\nspeakers:\n  R: ¦\n---\nP: tanya\n');
      assert.strictEqual(value.items.length, 15);
    });

    it('goes from an `informant:` value to informants.yaml', async () => {
      const f = fixture('---\ninformant: A¦m\n---\n');
      await client.open(docUri(), f.text);
      const location = await client.request<Location>('textDocument/definition', { textDocument: { uri: docUri() }, position: f.positions[0] });
      const line = lineOf('informants.yaml', 'Am: {role');
      assert.deepStrictEqual(location, { uri: uri('informants.yaml'), range: { start: { line, character: 0 }, end: { line, character: 2 } } });
    });

    it('codes the turn under the cursor when nothing is selected', async () => {
      const f = fixture('P: tanya\n\nSR: Harganya ¦pas.\n  Saya suka.\n');
      await client.open(docUri(), f.text);
      const edit = await client.request(protocol.codeSelectionRequest, { uri: docUri(), range: { start: f.positions[0], end: f.positions[0] }, codes: ['price/low-prices', 'engagement'] });
      assert.strictEqual(applyEdits(f.text, new LineIndex(f.text), edit.changes![docUri()]), 'P: tanya\n\nSR: Harganya pas.\n  Saya suka. {#price/low-prices #engagement}\n');
    });

    it('offers nothing outside tag blocks and in memos', async () => {
      assert.strictEqual(await completeAt('SR: #hashtag¦ biasa'), null);
      await client.close(docUri());
      assert.strictEqual(await completeAt('SR: x {#trust | #memo¦}'), null);
    });

    it('offers quick fixes: replace or add an unknown code, mark an untagged quote reviewed', async () => {
      const f = fixture('---\ninformant: SR\ninterviewer: P\n---\nSR: [foto asli]{#trust/qualty-assurance}\n\nSR: Itu saja.¦\n');
      await client.open(docUri(), f.text);
      await client.diagnosticsFor(docUri(), (d) => d.length === 2);
      const unknown = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: docUri() },
        range: { start: { line: 4, character: 18 }, end: { line: 4, character: 18 } },
        context: { diagnostics: [] },
      });
      assert.deepStrictEqual(unknown.map((a) => [a.title, a.isPreferred ?? false]), [
        ["Replace with 'trust/quality-assurance'", true],
        ["Add 'trust/qualty-assurance' to codebook.yaml", false],
      ]);
      // Adding the code must leave codebook.yaml valid YAML with the new code under its theme.
      const add = unknown[1].edit!.changes![codebookUri()];
      const codebook = readFileSync(path.join(dir, 'sample/codebook.yaml'), 'utf8');
      const edited = parseDocument(applyEdits(codebook, new LineIndex(codebook), add));
      assert.deepStrictEqual(edited.errors, []);
      assert.strictEqual((edited.toJSON() as Record<string, { codes: Record<string, { description: string }> }>).trust.codes['qualty-assurance'].description, 'TODO: describe when to apply this code.');

      const untagged = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: docUri() },
        range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.deepStrictEqual(untagged.map((a) => a.title), ['Mark as reviewed with no code ({-})', 'Add a tag block to this quote']);
      assert.deepStrictEqual(untagged[0].edit!.changes![docUri()], [{ range: { start: f.positions[0], end: f.positions[0] }, newText: ' {-}' }]);
      assert.deepStrictEqual(untagged[1].command, { title: 'Add a tag block', command: 'qda.insertTagBlock', arguments: [docUri(), f.positions[0]] });
    });

    it('maps an unmapped speaker through the front matter', async () => {
      const text = '---\ninformant: SR\ninterviewer: P\n---\nR: ya {-}\n';
      await client.open(docUri(), text);
      await client.diagnosticsFor(docUri(), (d) => d.some((x) => x.code === 'unmapped-speaker'));
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: docUri() },
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } },
        context: { diagnostics: [] },
      });
      assert.strictEqual(actions[0].title, "Map speaker 'R' to informant 'SR'");
      const edited = applyEdits(text, new LineIndex(text), actions[0].edit!.changes![docUri()]);
      assert.strictEqual(edited, '---\ninformant: SR\ninterviewer: P\nspeakers:\n  R: SR\n---\nR: ya {-}\n');
    });

    it('codes a selection, and refuses one that cuts through markup', async () => {
      const f = fixture('SR: Saya suka ⟦barangnya⟧ [karena murah]{#price/low-prices}.\n');
      await client.open(docUri(), f.text);
      const edit = await client.request(protocol.codeSelectionRequest, { uri: docUri(), range: f.ranges[0], codes: ['trust/quality-assurance'] });
      const after = applyEdits(f.text, new LineIndex(f.text), edit.changes![docUri()]);
      assert.strictEqual(after, 'SR: Saya suka [barangnya]{#trust/quality-assurance} [karena murah]{#price/low-prices}.\n');
      // Wrapping the speaker label would keep the words but destroy the turn.
      const label = { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } };
      await assert.rejects(client.request(protocol.codeSelectionRequest, { uri: docUri(), range: label, codes: ['trust'] }), {
        message: 'Select text inside one turn, without cutting through brackets or tag blocks.',
      });
      const cut = { start: { line: 0, character: 20 }, end: { line: 0, character: 30 } };
      await assert.rejects(client.request(protocol.codeSelectionRequest, { uri: docUri(), range: cut, codes: ['trust'] }), {
        message: 'Select text inside one turn, without cutting through brackets or tag blocks.',
      });
    });
  });

  it('shows a code on hover: definition, rules and counts', async () => {
    const file = 'transcripts/customers/sr.transcript.md';
    const line = lineOf(file, 'Barangnya tidak pernah menipu');
    const text = readFileSync(path.join(dir, 'sample', file), 'utf8').split('\n')[line];
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: uri(file) },
      position: { line, character: text.indexOf('#trust/quality-assurance') + 3 },
    });
    assert.deepStrictEqual(hover.contents, {
      kind: 'markdown',
      value: [
        '**trust/quality\\-assurance** · Jaminan kualitas',
        '',
        'The goods arrive as shown and described; the shop stands behind their quality\\.',
        '',
        '*Include:* Photos that match the product, honest descriptions, exchanges for faulty items\\.  ',
        '*Exclude:* Statements about price alone \\(use price codes\\)\\.  ',
        '*Example:* Barang yang sampai sama dengan yang di foto, jadi saya tidak kecewa\\.  ',
        '',
        '10 codings · 8/15 informants',
      ].join('\n'),
    });
  });

  it("shows a speaker's informant on hover", async () => {
    const file = 'transcripts/owners/n-nani-olshop-padang.transcript.md';
    const line = lineOf(file, 'N: [Harga.');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line, character: 0 } });
    assert.deepStrictEqual(hover.contents, {
      kind: 'markdown',
      value: '**N**\n\nrole: owner  \nage: 28  \nshop: Nani Olshop Padang  \nsells: pakaian  \n\n5 quotes · 9 codings',
    });
  });

  it('goes to definitions: a code to codebook.yaml, a speaker to informants.yaml', async () => {
    const file = 'transcripts/customers/w.transcript.md';
    const line = lineOf(file, 'Dari teman sekelas');
    const text = readFileSync(path.join(dir, 'sample', file), 'utf8').split('\n')[line];
    const code = await client.request<Location>('textDocument/definition', {
      textDocument: { uri: uri(file) },
      position: { line, character: text.indexOf('#networks/friendship') + 12 },
    });
    const codebookLine = lineOf('codebook.yaml', '    friendship:');
    assert.deepStrictEqual(code, { uri: codebookUri(), range: { start: { line: codebookLine, character: 4 }, end: { line: codebookLine, character: 14 } } });
    const speaker = await client.request<Location>('textDocument/definition', { textDocument: { uri: uri(file) }, position: { line, character: 0 } });
    const informantLine = lineOf('informants.yaml', 'W: {role');
    assert.deepStrictEqual(speaker, { uri: uri('informants.yaml'), range: { start: { line: informantLine, character: 0 }, end: { line: informantLine, character: 1 } } });
  });

  it('finds every reference of a code, from a tag or from the codebook', async () => {
    const codebookLine = lineOf('codebook.yaml', '    quality-assurance:');
    const fromCodebook = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: codebookUri() },
      position: { line: codebookLine, character: 6 },
      context: { includeDeclaration: true },
    });
    // Counted with grep: 10 tags of trust/quality-assurance in 9 files, and the declaration.
    assert.strictEqual(fromCodebook.length, 11);
    assert.strictEqual(new Set(fromCodebook.map((l) => l.uri)).size, 10);
    const file = 'transcripts/customers/am.transcript.md';
    const line = lineOf(file, '#trust/quality-assurance');
    const text = readFileSync(path.join(dir, 'sample', file), 'utf8').split('\n')[line];
    const fromTag = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri(file) },
      position: { line, character: text.indexOf('#trust/quality-assurance') + 5 },
      context: { includeDeclaration: false },
    });
    assert.strictEqual(fromTag.length, 10);
  });

  it('highlights the same code in a file', async () => {
    const file = 'transcripts/owners/a-baju-padang-murah.transcript.md';
    const line = lineOf(file, 'Foto yang saya unggah');
    const text = readFileSync(path.join(dir, 'sample', file), 'utf8').split('\n')[line];
    const highlights = await client.request<{ range: unknown }[]>('textDocument/documentHighlight', {
      textDocument: { uri: uri(file) },
      position: { line, character: text.indexOf('#trust/quality') + 2 },
    });
    assert.strictEqual(highlights.length, 2);
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
    assert.strictEqual(edits.length, 1 + 19);
    assert.ok(edits.every((e) => e.newText === 'kepercayaan'));

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

  it('renames the segment under the cursor in a tag, and refuses names that exist or are invalid', async () => {
    await waitForCheck();
    const file = 'transcripts/customers/rn.transcript.md';
    const line = lineOf(file, 'Seperti ngobrol');
    const text = readFileSync(path.join(dir, 'sample', file), 'utf8').split('\n')[line];
    const at = text.indexOf('#networks/friendly-service');
    const onCode = { line, character: at + 12 };
    const prepare = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: uri(file) }, position: onCode });
    assert.deepStrictEqual(prepare, { range: { start: { line, character: at + 10 }, end: { line, character: at + 26 } }, placeholder: 'friendly-service' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri(file), }, position: onCode, newName: 'ramah' });
    // Counted with grep: 10 tags of networks/friendly-service, and the codebook key.
    assert.strictEqual(Object.values(edit.changes!).flat().length, 1 + 10);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: uri(file) }, position: onCode, newName: 'friendship' }), {
      message: "'networks/friendship' already exists in codebook.yaml; choose another name.",
    });
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: uri(file) }, position: onCode, newName: 'a/b' }), {
      message: "'a/b' is not a valid code name: use letters, digits, '_' and '-', without '/'.",
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

  it('lists document symbols, workspace symbols and folding ranges', async () => {
    const file = 'transcripts/customers/am.transcript.md';
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri(file) } });
    assert.deepStrictEqual(
      symbols.map((s) => [s.name, s.detail ?? null, (s.children ?? []).map((c) => c.name)]),
      [
        ['P: Apa yang kamu suka dari Nani Olshop Padang?', null, []],
        ['Am: Harganya terjangkau, dan barangnya tidak pernah m…', '#price/low-prices #trust/quality-assurance', ['#price/low-prices', '#trust/quality-assurance']],
        ['P: Kamu pernah bayar di tempat?', null, []],
        ['Am: Sering. Kakaknya antar sendiri ke kos, saya bayar…', '#convenience/cash-on-delivery #price/free-shipping', ['#convenience/cash-on-delivery', '#price/free-shipping']],
        ['P: Bagaimana kalau ada diskon?', null, []],
        ['Am: Langsung checkout, walaupun sebenarnya belum butu…', '#price/discounts #engagement/enthusiasm', ['#price/discounts', '#engagement/enthusiasm']],
        ['P: Ada hal yang kurang nyaman?', null, []],
        ['Am: Kadang fotonya agak gelap, jadi warnanya kurang j…', 'untagged', []],
      ],
    );
    const workspaceSymbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'cash-on' });
    assert.deepStrictEqual(workspaceSymbols[0], {
      name: 'convenience/cash-on-delivery',
      kind: 22,
      containerName: 'Bayar di tempat (COD)',
      location: { uri: codebookUri(), range: { start: { line: lineOf('codebook.yaml', 'cash-on-delivery:'), character: 4 }, end: { line: lineOf('codebook.yaml', 'cash-on-delivery:'), character: 20 } } },
    });
    const quotes = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'curhat' });
    assert.deepStrictEqual([quotes[0].name, quotes[0].containerName], ['V: Ada yang sampai curhat soal dosen. [tertawa]', 'V']);
    // Case does not matter, and the query is text, not a regular expression.
    const upper = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'CURHAT' });
    assert.deepStrictEqual(upper.map((s) => s.name), quotes.map((s) => s.name));
    assert.deepStrictEqual(await client.request('workspace/symbol', { query: 'curh.t' }), []);
    assert.deepStrictEqual(await client.request('workspace/symbol', { query: '(curhat' }), []);
    const folding = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uri('transcripts/owners/a-baju-padang-murah.transcript.md') } });
    assert.deepStrictEqual(folding.slice(0, 2), [
      { startLine: 0, endLine: 7, kind: 'region' },
      { startLine: 16, endLine: 17 },
    ]);
  });

  it('gives selection ranges from a code out to the whole turn', async () => {
    const file = 'transcripts/customers/rn.transcript.md';
    const line = lineOf(file, 'Seperti ngobrol');
    const text = readFileSync(path.join(dir, 'sample', file), 'utf8').split('\n')[line];
    const [range] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri: uri(file) },
      positions: [{ line, character: text.indexOf('friendly') }],
    });
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = range; s; s = s.parent) chain.push(text.slice(s.range.start.line === line ? s.range.start.character : 0, s.range.end.line === line ? s.range.end.character : undefined));
    assert.deepStrictEqual(chain.slice(0, 5), [
      'networks/friendly-service',
      '{#networks/friendly-service}',
      '[Seperti ngobrol dengan ibu sendiri.]{#networks/friendly-service}',
      '[Seperti ngobrol dengan ibu sendiri.]{#networks/friendly-service} Saya jadi tidak sungkan tanya-tanya.',
      text,
    ]);
  });

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
    assert.strictEqual(tree.projects[0].informants.length, 15);
  });

  it('finds the next coded or untagged quote in a file, and the next quote with the same code across files', async () => {
    const sr = uri('transcripts/customers/sr.transcript.md');
    const first = lineOf('transcripts/customers/sr.transcript.md', 'Barangnya tidak pernah menipu');
    const second = lineOf('transcripts/customers/sr.transcript.md', 'Saya buka sorotan testimoni');
    const untagged = lineOf('transcripts/customers/sr.transcript.md', 'Mungkin sudah lima');
    const next = await client.request(protocol.nextQuoteRequest, { uri: sr, position: { line: first, character: 10 }, direction: 'next', kind: 'coded' });
    assert.deepStrictEqual(next?.range.start, { line: second, character: 4 });
    const previous = await client.request(protocol.nextQuoteRequest, { uri: sr, position: { line: second, character: 4 }, direction: 'previous', kind: 'coded' });
    assert.deepStrictEqual(previous?.range.start, { line: first, character: 4 });
    const open = await client.request(protocol.nextQuoteRequest, { uri: sr, position: { line: 0, character: 0 }, direction: 'next', kind: 'untagged' });
    assert.deepStrictEqual(open?.range.start, { line: untagged, character: 4 });
    assert.strictEqual(await client.request(protocol.nextQuoteRequest, { uri: sr, position: { line: 999, character: 0 }, direction: 'next', kind: 'coded' }), null);

    // trust/testimonials: SR's quote, then the next file in order that carries it, wrapping at the end.
    const at = { line: second, character: 10 };
    const codes = await client.request(protocol.codesAtRequest, { uri: sr, position: at });
    assert.deepStrictEqual(codes.map((c) => c.code), ['trust/testimonials', 'engagement/attention']);
    const all = await client.request(protocol.quotesOfCodeRequest, { uri: sr, path: 'trust/testimonials' });
    assert.strictEqual(all.length, 5);
    const order = all.map((q) => q.uri);
    const here = order.indexOf(sr);
    const following = await client.request(protocol.nextSameCodeRequest, { uri: sr, position: at, direction: 'next' });
    assert.strictEqual(following?.uri, order[(here + 1) % order.length]);
    const before = await client.request(protocol.nextSameCodeRequest, { uri: sr, position: at, direction: 'previous' });
    assert.strictEqual(before?.uri, order[(here - 1 + order.length) % order.length]);
  });

  it('sends the tree as counts, then the branches and quotes of what a view expands', async () => {
    const outline = await client.request(protocol.treeRequest, {});
    const project = outline.projects[0];
    const [trust] = project.themes;
    const quality = trust.children[0];
    assert.deepStrictEqual(
      [quality.path, quality.byInformant, quality.notCoded, trust.notCoded, project.informants[0].byCode, project.untaggedQuotes, project.untagged],
      ['trust/quality-assurance', undefined, undefined, ['AY', 'A2', 'RN', 'DF', 'Ri'], undefined, 14, undefined],
    );
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
