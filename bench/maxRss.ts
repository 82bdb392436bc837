// Preloaded (`node --require`) into a command the benchmark times: when the process exits it
// writes its peak resident memory, in KiB, to the file QDA_BENCH_MAX_RSS names (as the server
// counts its own: `peakResidentKiB`, not `maxRSS`, which on Linux starts from the benchmark's).
import { writeFileSync } from 'fs';
import { peakResidentKiB } from '../server/src/serverProcess';

const file = process.env.QDA_BENCH_MAX_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(peakResidentKiB())));
