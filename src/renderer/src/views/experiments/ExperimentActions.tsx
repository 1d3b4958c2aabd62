/**
 * What can be done with an experiment: Cancel while its job runs here; Resume when it was
 * cancelled, interrupted or failed with cells left; Extend (more values of a parameter, shown as
 * a dry run first); Remove, keeping its runs as ordinary runs unless asked to remove them too.
 */
import { useState } from 'react';
import type { ExperimentDetail, JobState, MethodInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { RemoveButton } from '../../components/RemoveButton.js';
import { navigate } from '../../route.js';
import { ExtendPanel } from './ExtendPanel.js';

interface Props {
  detail: ExperimentDetail;
  job: JobState | null;
  methods: MethodInfo[] | null;
  onJob: (job: JobState) => void;
  onError: (message: string | null) => void;
  /** Told before the removal is asked (true) and when it failed (false). */
  onRemoving: (removing: boolean) => void;
}

export function ExperimentActions({ detail, job, methods, onJob, onError, onRemoving }: Props) {
  const { client } = useLab();
  const [busy, setBusy] = useState<'cancel' | 'resume' | null>(null);
  const [extending, setExtending] = useState(false);
  const [removeRuns, setRemoveRuns] = useState(false);
  const running = detail.status === 'running';
  const elsewhere = running && job?.status === 'running' && job.elsewhere ? job.elsewhere.pid : null;
  const resumable = !running && detail.status !== 'done' && detail.cellsDone < detail.cells;

  const act = async (what: 'cancel' | 'resume'): Promise<void> => {
    setBusy(what);
    onError(null);
    try {
      const state = await client.call(what === 'cancel' ? 'experiment.cancel' : 'experiment.resume', { id: detail.id });
      onJob(state);
    } catch (e) {
      onError(`Could not ${what} the experiment: ${messageOf(e)}`);
    } finally {
      setBusy(null);
    }
  };
  const remove = async (): Promise<boolean> => {
    onRemoving(true);
    try {
      await client.call('experiment.remove', { id: detail.id, runs: removeRuns ? 'remove' : 'keep' });
      navigate('experiments');
      return true;
    } catch (e) {
      onRemoving(false);
      onError(`Could not remove the experiment: ${messageOf(e)}`);
      return false;
    }
  };
  const runCount = detail.rows.filter((r) => r.runId !== null).length;

  return (
    <div className="xp-actions-box">
      <div className="xp-actions" role="group" aria-label="Experiment actions">
        {running && (
          <button
            type="button" className="btn" onClick={() => void act('cancel')} disabled={busy !== null || elsewhere !== null}
            title={elsewhere !== null ? `Process ${elsewhere} runs it: stop it there (Ctrl+C).` : 'Stop after the cell in progress; the finished cells stay.'}
          >
            {busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {resumable && (
          <button type="button" className="btn btn-primary" onClick={() => void act('resume')} disabled={busy !== null} title="Finished cells are kept; the others run (again).">
            {busy === 'resume' ? 'Resuming…' : `Resume (${detail.cells - detail.cellsDone} left)`}
          </button>
        )}
        <button
          type="button" className="btn" onClick={() => setExtending((v) => !v)} aria-expanded={extending} disabled={running}
          title={running ? 'Cancel it (or let it finish) before extending it.' : 'Add values to a parameter: the new cells run, the others are kept.'}
        >
          Extend…
        </button>
        <RemoveButton
          blockedReason={running ? 'Cancel it first.' : undefined}
          remove={remove}
          question={
            <>
              Remove this experiment?{' '}
              <label className="check xp-remove-runs">
                <input type="checkbox" checked={removeRuns} onChange={(e) => setRemoveRuns(e.target.checked)} />
                also remove its {runCount} {runCount === 1 ? 'run' : 'runs'}
              </label>
            </>
          }
        />
      </div>
      {extending && !running && <ExtendPanel detail={detail} methods={methods} onStarted={(j) => { setExtending(false); onJob(j); }} />}
    </div>
  );
}
