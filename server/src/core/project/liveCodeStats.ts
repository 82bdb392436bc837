// The counts that completion and hover show for any code at any moment, also right after a
// keystroke: codings of a code and of the codes below it, and how many informants carry them.
import type { Codebook } from '../model/codebook';
import type { IndexedDocument, ProjectIndex } from './projectIndex';

export interface CodeStats {
  codings: number;
  informants: number;
}

/**
 * Per code of the codebook: its codings and those below it, and how many of them each informant
 * has. Counted once from the whole project, then updated by the documents that leave and enter
 * the index: an edit costs the size of the document. A new codebook means counting again.
 */
export class LiveCodeStats {
  readonly codebook: Codebook;
  private readonly codings = new Map<string, number>();
  private readonly byInformant = new Map<string, Map<string, number>>();
  readonly dispose: () => void;

  constructor(index: ProjectIndex, codebook: Codebook) {
    this.codebook = codebook;
    for (const doc of index.documents.values()) this.apply(doc, 1);
    this.dispose = index.observe((doc, change) => this.apply(doc, change));
  }

  stats(path: string): CodeStats {
    return { codings: this.codings.get(path) ?? 0, informants: this.byInformant.get(path)?.size ?? 0 };
  }

  private apply(doc: IndexedDocument, change: 1 | -1): void {
    const codes = this.codebook.codes;
    const parsed = doc.parsed;
    for (let i = 0; i < parsed.codingCount; i++) {
      const code = parsed.codeOfCoding(i);
      const informant = doc.informantOfCoding(i);
      for (let path: string | undefined = codes.has(code) ? code : undefined; path !== undefined; path = codes.get(path)!.parent) {
        this.codings.set(path, (this.codings.get(path) ?? 0) + change);
        if (informant === undefined) continue;
        let counts = this.byInformant.get(path);
        if (!counts) this.byInformant.set(path, (counts = new Map()));
        const count = (counts.get(informant) ?? 0) + change;
        if (count === 0) counts.delete(informant);
        else counts.set(informant, count);
      }
    }
  }
}
