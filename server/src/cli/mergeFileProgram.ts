// dist/qda-merge.js: `qda merge-file` as a program of its own, the merge driver git runs once for
// each file both branches changed (`node dist/qda-merge.js %O %A %B %P`, as the editor's "Set up git
// merging for this project" writes it), and the module bin/qda.js loads for `qda merge-file`.
import { mergeFileMain } from './gitMerge';

export { mergeFileMain };

if (require.main === module) {
  mergeFileMain(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      console.error(`qda: internal error: ${error.stack ?? String(error)}`);
      process.exitCode = 2;
    },
  );
}
