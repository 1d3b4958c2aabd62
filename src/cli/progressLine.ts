/** Draws a job's progress on stderr: one redrawn line on a terminal, a line every few seconds otherwise. */
import type { JobProgress } from '../shared/contract.js';

export function formatProgress(p: JobProgress): string {
  const pct = p.total > 0 ? `${((100 * p.done) / p.total).toFixed(1)}%` : '';
  const parts = [p.phase, pct];
  const d = p.detail;
  if (d.filesTotal !== undefined) parts.push(`${d.files}/${d.filesTotal} files`);
  if (p.unit === 'bytes') parts.push(`${(p.done / 1e6).toFixed(1)}/${(p.total / 1e6).toFixed(1)} MB`);
  else if (p.total > 0) parts.push(`${Math.round(p.done).toLocaleString('en-US')}/${Math.round(p.total).toLocaleString('en-US')} ${p.unit}`);
  if (d.tokens !== undefined) parts.push(`${Math.round(d.tokens).toLocaleString('en-US')} tokens`);
  if (d.ratePerSec !== undefined && p.unit === 'bytes') parts.push(`${(d.ratePerSec / 1e6).toFixed(1)} MB/s`);
  if (p.eta !== null) parts.push(`ETA ${Math.ceil(p.eta)} s`);
  return parts.filter(Boolean).join(' · ');
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { show(p: JobProgress): void; end(): void } {
  let lastPrint = 0;
  let lastPhase = '';
  let drawn = false;
  return {
    show(p) {
      const text = formatProgress(p);
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        drawn = true;
      } else if (p.phase !== lastPhase || performance.now() - lastPrint > 2000) {
        lastPhase = p.phase;
        stream.write(text + '\n');
        lastPrint = performance.now();
      }
    },
    end() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
