// Preloaded (`node --require`) into a command the benchmark times: when the process exits it
// writes its peak resident memory, in KiB, to the file QDA_BENCH_MAX_RSS names.
import { writeFileSync } from 'fs';

const file = process.env.QDA_BENCH_MAX_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
