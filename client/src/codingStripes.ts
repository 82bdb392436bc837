// Coding stripes beside the text, as NVivo and MAXQDA draw them: in the gutter, one coloured bar
// per code over the lines it covers (lanes side by side where codes overlap; where a line has more
// codes than lanes, the last lane gives way to their count, `+2`), and the same colours in the
// overview ruler. Hovering a line's
// first character names its codes. The server computes the stripes (qda/codingStripes); this
// draws them. `qda.codingStripes.enabled` and "Toggle coding stripes" switch them off and on.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { codingStripesRequest, type CodingStripes } from '../../server/src/protocol';

/** The painter, the "Toggle coding stripes" command, and a repaint when the setting changes; returns the painter. */
export function registerCodingStripes(context: vscode.ExtensionContext, client: LanguageClient): CodingStripesPainter {
  const stripes = new CodingStripesPainter(client);
  context.subscriptions.push(
    stripes,
    vscode.commands.registerCommand('qda.toggleCodingStripes', () => vscode.workspace.getConfiguration('qda').update('codingStripes.enabled', !stripes.enabled, vscode.ConfigurationTarget.Global)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('qda.codingStripes')) for (const editor of vscode.window.visibleTextEditors) void stripes.paint(editor);
    }),
  );
  return stripes;
}

const lanes = 3;
const noColor = '#8c8c8c';
const barWidth = 3;

export class CodingStripesPainter implements vscode.Disposable {
  /** A gutter decoration for each combination of lane colours (and count of codes not drawn), made once. */
  private readonly gutterTypes = new Map<string, vscode.TextEditorDecorationType>();
  /** An overview-ruler decoration for each colour and lane. */
  private readonly rulerTypes = new Map<string, vscode.TextEditorDecorationType>();
  private request = 0;

  constructor(private readonly client: LanguageClient) {}

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('qda').get<boolean>('codingStripes.enabled', true);
  }

  /** Draws the stripes of the editor's transcript (or clears them when switched off). */
  async paint(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!editor || editor.document.languageId !== 'qda-transcript') return;
    const id = ++this.request;
    const stripes = this.enabled ? await this.client.sendRequest(codingStripesRequest, { uri: editor.document.uri.toString() }).catch(() => null) : null;
    if (id !== this.request) return; // a newer request is on its way
    this.draw(editor, stripes ?? { stripes: [], crowded: [] });
  }

  private draw(editor: vscode.TextEditor, { stripes, crowded }: CodingStripes): void {
    // Each line's colour in each lane, and its codes (all of them, on a crowded line).
    const perLine = new Map<number, { colors: (string | undefined)[]; codes: string[]; more: boolean }>();
    const line = (n: number) => perLine.get(n) ?? perLine.set(n, { colors: [], codes: [], more: false }).get(n)!;
    const ruler = new Map<string, vscode.Range[]>();
    for (const stripe of stripes) {
      const color = stripe.color ?? noColor;
      for (let n = stripe.startLine; n <= stripe.endLine; n++) {
        line(n).colors[stripe.lane] = color;
        line(n).codes.push(stripe.code);
      }
      const key = `${color}|${stripe.lane}`;
      const ranges = ruler.get(key) ?? ruler.set(key, []).get(key)!;
      ranges.push(new vscode.Range(stripe.startLine, 0, stripe.endLine, 0));
    }
    for (const { line: n, codes } of crowded) Object.assign(line(n), { more: true, codes });

    const gutter = new Map<string, vscode.DecorationOptions[]>();
    for (const [n, { colors, codes, more }] of perLine) {
      // On a crowded line the last lane shows how many codes are not drawn: all but the lanes before it.
      const shown = more ? lanes - 1 : lanes;
      const key = `${[...Array(shown).keys()].map((lane) => colors[lane] ?? '').join(',')}${more ? `,+${codes.length - shown}` : ''}`;
      const hover = new vscode.MarkdownString(codes.map((code) => `\`#${code}\``).join(' · '));
      const options = gutter.get(key) ?? gutter.set(key, []).get(key)!;
      options.push({ range: new vscode.Range(n, 0, n, 1), hoverMessage: hover });
    }
    for (const [key, type] of this.gutterTypes) if (!gutter.has(key)) editor.setDecorations(type, []);
    for (const [key, options] of gutter) editor.setDecorations(this.gutterType(key), options);
    for (const [key, type] of this.rulerTypes) if (!ruler.has(key)) editor.setDecorations(type, []);
    for (const [key, ranges] of ruler) editor.setDecorations(this.rulerType(key), ranges);
  }

  private gutterType(key: string): vscode.TextEditorDecorationType {
    let type = this.gutterTypes.get(key);
    if (!type) {
      const parts = key.split(',');
      const count = parts.at(-1)!.startsWith('+') ? parts.pop()! : '';
      // Lane 0 nearest the text (on the right); the count, if any, where the last lane would be.
      const bars = parts
        .map((color, lane) => (color && isColor(color) ? `<rect x="${14 - (lane + 1) * (barWidth + 1)}" y="0" width="${barWidth}" height="16" fill="${color}"/>` : ''))
        .join('');
      const label = count && /^\+\d+$/.test(count) ? `<text x="0" y="11" font-family="sans-serif" font-size="7" fill="#8c8c8c">${count}</text>` : '';
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16">${bars}${label}</svg>`;
      type = vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.parse(`data:image/svg+xml;base64,${btoa(svg)}`),
        gutterIconSize: 'contain',
      });
      this.gutterTypes.set(key, type);
    }
    return type;
  }

  private rulerType(key: string): vscode.TextEditorDecorationType {
    let type = this.rulerTypes.get(key);
    if (!type) {
      const [color, lane] = key.split('|');
      const rulerLanes = [vscode.OverviewRulerLane.Left, vscode.OverviewRulerLane.Center, vscode.OverviewRulerLane.Right];
      type = vscode.window.createTextEditorDecorationType({ overviewRulerColor: isColor(color) ? color : noColor, overviewRulerLane: rulerLanes[Number(lane) % 3], isWholeLine: true });
      this.rulerTypes.set(key, type);
    }
    return type;
  }

  dispose(): void {
    for (const type of [...this.gutterTypes.values(), ...this.rulerTypes.values()]) type.dispose();
  }
}

/** Only plain colour values reach the SVG: a codebook's text never does. */
function isColor(value: string): boolean {
  return /^#[0-9a-fA-F]{3,8}$|^[a-zA-Z]{3,20}$/.test(value);
}
