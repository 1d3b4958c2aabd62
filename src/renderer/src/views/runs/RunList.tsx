/**
 * The stored runs: the table with its column picker, and what to do with the runs ticked in it
 * (Compare two finished runs, export any number of finished runs, clear the selection).
 */
import { useMemo, useState } from 'react';
import type { MethodInfo, RunSummary } from '../../../../shared/contract.js';
import { navigate } from '../../route.js';
import { BatchExportDialog } from '../vectors/BatchExportDialog.js';
import { ColumnPicker, useShownColumns } from './ColumnPicker.js';
import { RunTable } from './RunTable.js';
import { baseColumns, extraColumns } from './runColumns.js';
import { useRunScores } from './useRunScores.js';
import './runTable.css';

interface Props {
  list: RunSummary[];
  methods: MethodInfo[] | null;
  methodLabel: (id: string) => string;
  onLike: (run: RunSummary) => void;
}

export function RunList({ list, methods, methodLabel, onLike }: Props) {
  const scores = useRunScores(list);
  const { shown, toggle } = useShownColumns();
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const optionLabels = useMemo(() => new Map((methods ?? []).flatMap((m) => m.options.map((o) => [o.key, o.label] as const))), [methods]);
  const base = useMemo(() => baseColumns(methodLabel), [methodLabel]);
  const offered = useMemo(() => extraColumns(list, (k) => optionLabels.get(k) ?? k, scores), [list, optionLabels, scores]);
  const extra = shown.map((k) => offered.find((c) => c.key === k)).filter((c) => c !== undefined);
  // Runs removed since they were ticked drop out of the selection.
  const selected = useMemo(() => new Set([...picked].filter((id) => list.some((r) => r.id === id))), [picked, list]);

  return (
    <>
      <div className="run-tools">
        <SelectionBar runs={list.filter((r) => selected.has(r.id))} onClear={() => setPicked(new Set())} />
        <ColumnPicker columns={offered} shown={shown} onToggle={toggle} />
      </div>
      <RunTable list={list} methodLabel={methodLabel} base={base} extra={extra} selected={selected} onSelect={setPicked} onLike={onLike} />
    </>
  );
}

/** "2 runs selected": Compare (exactly two finished runs), Export… (the finished ones), Clear. */
function SelectionBar({ runs, onClear }: { runs: RunSummary[]; onClear: () => void }) {
  const [exporting, setExporting] = useState(false);
  const done = runs.filter((r) => r.status === 'done');
  if (runs.length === 0) {
    return <p className="muted small run-tools-hint">Tick runs to compare two of them or export several at once.</p>;
  }
  const canCompare = runs.length === 2 && done.length === 2;
  const why = runs.length !== 2 ? 'Compare takes exactly two runs.' : !canCompare ? 'Compare takes two finished runs.' : '';
  const [a, b] = [...done].sort((x, y) => x.id - y.id);
  return (
    <div className="selection-bar" role="region" aria-label="Selected runs" data-testid="selection-bar">
      <span className="selection-count">
        {runs.length} {runs.length === 1 ? 'run' : 'runs'} selected
      </span>
      <button type="button" className="btn btn-small" disabled={!canCompare} title={why || `Compare ${a?.name} (A) with ${b?.name} (B)`} onClick={() => navigate('compare', `${a.id}-${b.id}`)}>
        Compare
      </button>
      <button type="button" className="btn btn-small" disabled={done.length === 0} onClick={() => setExporting(true)} title={done.length === 0 ? 'Only finished runs have vectors to export.' : undefined}>
        {done.length === runs.length ? 'Export…' : `Export ${done.length} finished…`}
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={onClear}>
        Clear
      </button>
      {why && <span className="muted small">{why}</span>}
      {exporting && <BatchExportDialog runs={done} open onClose={() => setExporting(false)} />}
    </div>
  );
}
