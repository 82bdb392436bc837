// What informants.yaml says, as its two readers give it (informants.ts, flatInformants.ts).
import type { Diagnostic } from './diagnostic';
import type { Range } from '../text/text';

export interface Informant {
  id: string;
  /** Attribute values as written (numbers and booleans as text), in file order. */
  attributes: Record<string, string>;
  keyRange: Range;
  range: Range;
}

export interface InformantTable {
  informants: Map<string, Informant>;
  problems: Diagnostic[];
  hasSyntaxErrors: boolean;
}

export function emptyInformantTable(): InformantTable {
  return { informants: new Map(), problems: [], hasSyntaxErrors: false };
}
