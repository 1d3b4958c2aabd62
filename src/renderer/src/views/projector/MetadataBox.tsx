/** Colour by a column of an uploaded metadata.tsv (the TensorFlow Projector's format), with how its rows met the words. */
import { fmtInt } from '../../format.js';
import { isNumericColumn } from './metadataTsv.js';
import { LegendView } from './Legend.js';
import type { Coloring } from './useColoring.js';

export function MetadataBox({ coloring: c }: { coloring: Coloring }) {
  const m = c.metadata;
  const t = m.table;
  return (
    <div className="cluster-box metadata-box">
      <label className="field">
        <span>metadata.tsv</span>
        <input
          type="file"
          accept=".tsv,.txt,.tab,text/tab-separated-values,text/plain"
          data-testid="metadata-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void m.load(file);
            e.target.value = '';
          }}
        />
      </label>
      {!t && !m.error && (
        <p className="muted small">
          One row per word, columns separated by tabs, the first line naming them (a file of one column has no header). Rows meet the words by the word column, or by order (row r is the run&apos;s word r).
        </p>
      )}
      {m.error && (
        <p className="text-danger small" role="alert" data-testid="metadata-error">
          {m.error}
        </p>
      )}
      {t && <MetadataChoices coloring={c} />}
      {t && c.legend && <LegendView legend={c.legend} testid="metadata-legend" />}
    </div>
  );
}

function MetadataChoices({ coloring: c }: { coloring: Coloring }) {
  const m = c.metadata;
  const t = m.table!;
  const match = c.metadataMatch;
  return (
    <>
      <div className="metadata-file">
        <p className="muted small" data-testid="metadata-summary">
          {t.name}: {fmtInt(t.rows.length)} rows × {t.columns.length} column{t.columns.length === 1 ? '' : 's'}.
        </p>
        <button type="button" className="btn btn-quiet btn-small" onClick={m.clear}>
          Remove
        </button>
      </div>
      <div className="field-row metadata-row">
        <label className="field">
          <span>Colour by column</span>
          <select value={m.column} onChange={(e) => m.setColumn(Number(e.target.value))} data-testid="metadata-column">
            {t.columns.map((name, i) => (
              <option key={i} value={i}>
                {name} ({isNumericColumn(t, i) ? 'numbers' : 'categories'})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Match rows by</span>
          <select value={m.matchBy} onChange={(e) => m.setMatchBy(e.target.value as typeof m.matchBy)} data-testid="metadata-match">
            <option value="auto">auto{match ? ` (${match.by === 'word' ? 'word' : 'order'})` : ''}</option>
            <option value="word">word column ({t.columns[t.wordColumn]})</option>
            <option value="order">order (row r = word r)</option>
          </select>
        </label>
      </div>
      {match && (
        <p className="muted small" data-testid="metadata-matched">
          {fmtInt(match.matched)} of the points have a row, matched by {match.by === 'word' ? `the ${t.columns[t.wordColumn]} column` : 'order'}.
        </p>
      )}
    </>
  );
}
