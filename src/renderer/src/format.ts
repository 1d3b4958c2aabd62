/** Number and time formats shared by the views (fixed en-US grouping so figures read the same everywhere). */
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const fmtInt = (n: number): string => int.format(n);

/** Megabytes (10^6 bytes), with more digits for small sizes. */
export function fmtMB(bytes: number): string {
  const mb = bytes / 1e6;
  if (mb === 0) return '0 MB';
  if (mb < 0.01) return '< 0.01 MB';
  if (mb < 10) return `${mb.toFixed(2)} MB`;
  return `${oneDecimal.format(mb)} MB`;
}

export function fmtBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${oneDecimal.format(bytes / 1e3)} kB`;
  return fmtMB(bytes);
}

export function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local date and time, "2026-11-22 14:05". */
export function fmtDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
