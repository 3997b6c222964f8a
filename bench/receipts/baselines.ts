// `node --import tsx bench/receipts/baselines.ts [floorReceipts] [perFileReceipts] [batchReceipts]`:
// the comparison half of the receipts benchmark on its own (issue #5, "Benchmark"), so it can be
// checked without the annual run: (a) the floor, bare pdfkit on 1 and on 2 threads, and (b)
// LibreOffice headless, one start per receipt and one batch call. The main run
// (bench/receipts/run.ts) calls the same functions beside the annual run and writes
// docs/benchmarks.md; this only prints.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { measureFloor } from './floor';
import { measureLibreOfficeBatch, measureLibreOfficePerFile } from './libreoffice';

const [floorReceipts = 2000, perFileReceipts = 10, batchReceipts = 200] = process.argv.slice(2).map(Number);
const n = (x: number, digits = 0) => x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

console.log(`${cpus()[0]?.model ?? '?'} × ${availableParallelism()}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

for (const threads of [1, 2]) {
  const f = await measureFloor({ receipts: floorReceipts, threads });
  console.log(
    `floor, ${threads} thread(s): ${n(f.receipts)} Sammelbestätigungen in ${n(f.seconds, 2)} s = ${n(f.perSecond)}/s ` +
      `(${n((f.seconds * 1000 * threads) / f.receipts, 2)} ms each per thread; ${n(f.bytes / f.receipts / 1024, 1)} KiB each; threads ready after ${n(f.startSeconds, 2)} s, untimed)`,
  );
}

const perFile = await measureLibreOfficePerFile({ receipts: perFileReceipts });
console.log(`LibreOffice, one soffice start per receipt: ${perFile.receipts} in ${n(perFile.seconds, 2)} s = ${n(perFile.perReceiptMs)} ms each`);

const batch = await measureLibreOfficeBatch({ receipts: batchReceipts });
console.log(`LibreOffice, batch of ${batch.receipts} files in ${batch.calls} soffice call(s): ${n(batch.seconds, 2)} s = ${n(batch.perReceiptMs, 1)} ms each`);
