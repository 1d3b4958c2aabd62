/** One corpus: its statistics, top words, Zipf plot, files and skipped files, and removal. */
import type { CorpusDetail } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { RemoveButton } from '../../components/RemoveButton.js';
import { fmtDate, fmtInt, fmtMB, fmtSeconds } from '../../format.js';
import { FileTable } from './FileTable.js';
import { TopWords } from './TopWords.js';
import { ZipfPlot } from './ZipfPlot.js';
import { useCorpusDetail } from './useCorpora.js';

interface Props {
  id: number;
  onRemoved: () => void;
  onError: (message: string) => void;
}

export function CorpusDetailView({ id, onRemoved, onError }: Props) {
  const { detail, error, loading } = useCorpusDetail(id);
  if (error) {
    return (
      <section className="card detail">
        <p className="text-danger" role="alert">Could not open corpus #{id}: {error}</p>
      </section>
    );
  }
  if (!detail) return <section className="card detail"><p className="muted loading">{loading ? 'Loading corpus…' : ''}</p></section>;
  return <Detail d={detail} onRemoved={onRemoved} onError={onError} />;
}

function Detail({ d, onRemoved, onError }: { d: CorpusDetail; onRemoved: () => void; onError: (m: string) => void }) {
  return (
    <section className="detail" aria-labelledby="detail-title" data-testid="corpus-detail">
      <div className="detail-head">
        <div className="detail-title-block">
          <h2 id="detail-title">{d.name}</h2>
          <p className="muted small source" title={d.source}>
            {d.source} · added {fmtDate(d.createdAt)} · {d.lowercase ? 'lowercased' : 'case kept'}
          </p>
        </div>
        <RemoveCorpus d={d} onRemoved={onRemoved} onError={onError} />
      </div>

      <dl className="stats">
        <Stat id="files" label="Files" value={d.files} />
        <Stat id="size" label="Size" text={fmtMB(d.bytes)} />
        <Stat id="tokens" label="Tokens" value={d.tokens} />
        <Stat id="types" label="Types" value={d.types} />
        <Stat id="hapax" label="Hapax (count 1)" value={d.hapax} />
        <Stat id="types-at-min" label={`Types with count ≥ ${fmtInt(d.minCount)}`} value={d.typesAtMinCount} />
        <Stat id="ingest" label="Ingest time" text={fmtSeconds(d.ingestSeconds)} />
      </dl>

      <div className="detail-grid">
        <section className="card" aria-labelledby="zipf-title">
          <h3 id="zipf-title">Rank–frequency (Zipf), log–log</h3>
          <ZipfPlot points={d.zipf} />
        </section>
        <section className="card" aria-labelledby="top-title">
          <h3 id="top-title">Top {d.top.length} words</h3>
          <TopWords top={d.top} tokens={d.tokens} />
        </section>
      </div>

      <section className={`card ${d.skipped.length ? 'skipped-card' : ''}`} aria-labelledby="skipped-title" data-testid="skipped">
        <h3 id="skipped-title">
          Skipped files<span className={`count ${d.skipped.length ? 'count-warn' : ''}`}>{d.skipped.length}</span>
        </h3>
        {d.skipped.length === 0 ? (
          <p className="muted">None: every file found was read.</p>
        ) : (
          <ul className="skipped-list">
            {d.skipped.map((s) => (
              <li key={s.path}>
                <code className="path">{s.path}</code>
                <span className="reason">{s.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="files-title">
        <h3 id="files-title">
          Files<span className="count">{fmtInt(d.fileList.length)}</span>
        </h3>
        <FileTable files={d.fileList} />
      </section>
    </section>
  );
}

function Stat({ id, label, value, text }: { id: string; label: string; value?: number; text?: string }) {
  return (
    <div className="stat" data-stat={id} data-value={value}>
      <dt>{label}</dt>
      <dd>{text ?? fmtInt(value ?? 0)}</dd>
    </div>
  );
}

function RemoveCorpus({ d, onRemoved, onError }: { d: CorpusDetail; onRemoved: () => void; onError: (m: string) => void }) {
  const { client } = useLab();
  const remove = async (): Promise<boolean> => {
    try {
      await client.call('corpus.remove', { id: d.id });
      onRemoved();
      return true;
    } catch (e) {
      onError(`Could not remove ${d.name}: ${messageOf(e)}`);
      return false;
    }
  };
  return <RemoveButton question={<>Remove “{d.name}” and its tokens from the lab? This cannot be undone.</>} remove={remove} />;
}
