// The files with a merge conflict left in them (analyses/mergeConflicts.ts), which the Themes view
// and `qda tree` list: a transcript's conflicts and stray markers, the codebook's and informants',
// each file once with its count and the place of its first conflict; none in a clean project.
import * as assert from 'assert';
import { codeTree } from '../../server/src/core/analyses/codeTree';
import { mergeConflicts } from '../../server/src/core/analyses/mergeConflicts';
import { codebookYaml, informantsYaml, study, studyRoot } from '../helpers/project';

const conflicted = `---
informant: A
---
A: [Foto asli]{#trust/quality} dan murah.

<<<<<<< ours
A: [Barangnya bagus.]{#trust/quality}
||||||| base
A: Barangnya bagus.
=======
A: [Barangnya bagus sekali.]{#trust/testimonials}
>>>>>>> theirs

A: Sudah.
>>>>>>> theirs
`;

/** 0-based lines of the lines starting with `marker`, as an independent reader finds them. */
const linesStarting = (text: string, marker: string) => text.split('\n').flatMap((line, i) => (line.startsWith(marker) ? [i] : []));

describe('merge conflicts left in a project (analyses/mergeConflicts.ts)', () => {
  it('lists each conflicted file once, by path, with its conflicts and where the first starts', () => {
    const informants = `${informantsYaml}<<<<<<< ours\nW: {role: customer}\n=======\nW: {role: owner}\n>>>>>>> theirs\n`;
    const s = study({ 'interviews/a.transcript.md': conflicted, 'interviews/b.transcript.md': 'A: [Murah.]{#price}\n', 'informants.yaml': informants });
    const project = s.workspace.projects.get(studyRoot)!;
    const [first] = linesStarting(conflicted, '<<<<<<<');
    const [infoLine] = linesStarting(informants, '<<<<<<<');
    assert.deepStrictEqual(
      mergeConflicts(project).map((f) => [f.path, f.conflicts, f.range.start.line, f.range.start.character]),
      [
        ['informants.yaml', 1, infoLine, 0],
        // The region, and the stray `>>>>>>>` after it.
        ['interviews/a.transcript.md', 2, first, 0],
      ],
    );
    assert.strictEqual(mergeConflicts(project)[1].uri, s.uri('interviews/a.transcript.md'));
    // The tree carries the same list; the coding inside the conflict is not counted (one of trust/quality, none of testimonials).
    const tree = codeTree(project, {}, { quotes: false });
    assert.deepStrictEqual(tree.conflicts, mergeConflicts(project));
    const trust = tree.themes.find((t) => t.path === 'trust')!;
    assert.deepStrictEqual(trust.children.map((c) => [c.path, c.codings]), [['trust/quality', 1], ['trust/testimonials', 0]]);
  });

  it('lists the codebook with its conflict, and nothing in a clean project', () => {
    const codebook = `${codebookYaml}<<<<<<< ours\nnetworks: {}\n=======\nnetwork: {}\n>>>>>>> theirs\n`;
    const s = study({ 'codebook.yaml': codebook, 'interviews/b.transcript.md': 'A: [Murah.]{#price}\n' });
    assert.deepStrictEqual(mergeConflicts(s.workspace.projects.get(studyRoot)!).map((f) => [f.path, f.conflicts, f.range.start.line]), [['codebook.yaml', 1, linesStarting(codebook, '<<<<<<<')[0]]]);
    const clean = study({ 'interviews/b.transcript.md': 'A: [Murah.]{#price}\n' });
    assert.deepStrictEqual(codeTree(clean.workspace.projects.get(studyRoot)!).conflicts, []);
  });
});
