// Renders the extension's icon, drawn as client/media/icon.svg, to the 256×256 PNG the
// Marketplace and the Extensions view show (package.json's `icon`: they take no SVG).
// resvg draws it without a browser or system fonts (the icon has no text).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';

export const iconSvg = 'client/media/icon.svg';
export const iconPng = 'dist/icon.png';

export function renderIcon(from = iconSvg, to = iconPng, size = 256) {
  const png = new Resvg(readFileSync(from), { fitTo: { mode: 'width', value: size } }).render().asPng();
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, png);
}
