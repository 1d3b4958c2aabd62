/** The most frequent words, with a bar for each count and its share of all tokens. */
import { fmtInt } from '../../format.js';

export function TopWords({ top, tokens }: { top: { word: string; count: number }[]; tokens: number }) {
  if (top.length === 0) return <p className="muted">No words.</p>;
  const max = top[0].count;
  return (
    // A scrolling list: focusable, so the keyboard can scroll it too.
    <ol className="top-words" data-testid="top-words" tabIndex={0} aria-label={`The ${top.length} most frequent words`}>
      {top.map((w, i) => (
        <li key={w.word} title={`${w.word}: ${fmtInt(w.count)} (${((100 * w.count) / Math.max(1, tokens)).toFixed(2)}% of tokens)`}>
          <span className="rank">{i + 1}</span>
          <span className="word">{w.word}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${(100 * w.count) / max}%` }} />
          </span>
          <span className="num">{fmtInt(w.count)}</span>
        </li>
      ))}
    </ol>
  );
}
