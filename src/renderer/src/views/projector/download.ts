/** Saving files from the page (a download in browser mode; Electron shows its save dialog for the same). */
import type { Projection } from '../../../../shared/contract.js';

export function downloadUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadText(text: string, name: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** word, count, rank (in the run's vocabulary), x, y[, z][, cluster]: one row per projected word, most frequent first. */
export function projectionCsv(p: Projection, clusters: number[] | null): string {
  const axes = ['x', 'y', 'z'].slice(0, p.dims);
  const head = ['word', 'count', 'rank', ...axes, ...(clusters ? ['cluster'] : [])];
  const lines = [head.join(',')];
  for (let i = 0; i < p.words.length; i++) {
    const row = [csvField(p.words[i]), String(p.counts[i]), String((p.vocabIndex?.[i] ?? i) + 1)];
    for (let c = 0; c < p.dims; c++) row.push(String(p.coords[i * p.dims + c]));
    if (clusters) row.push(clusters[i] >= 0 ? String(clusters[i]) : '');
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function fileStem(p: Projection): string {
  return `projection-run${p.spec.runId}-${p.spec.method}-${p.dims}d-${p.spec.words ? 'isolated' : 'top'}${p.points}`;
}
