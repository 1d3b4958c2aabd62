/** The shell: a navigation rail on the left, the current view on the right. */
import { VIEWS, href, useRoute, type ViewId } from './route.js';
import { useLab } from './lab.js';
import { AnalogyView } from './views/analogy/AnalogyView.js';
import { CompareView } from './views/compare/CompareView.js';
import { CorporaView } from './views/corpora/CorporaView.js';
import { DynamicsView } from './views/dynamics/DynamicsView.js';
import { ExperimentsView } from './views/experiments/ExperimentsView.js';
import { Placeholder } from './views/Placeholder.js';
import { ProjectorView } from './views/projector/ProjectorView.js';
import { RandWalkView } from './views/randwalk/RandWalkView.js';
import { RunsView } from './views/runs/RunsView.js';
import { BackupControl } from './components/BackupControl.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import { ThemeSwitch } from './theme/ThemeSwitch.js';

const CONNECTION_TEXT = { open: 'Live updates on', connecting: 'Connecting…', retrying: 'Reconnecting…' } as const;

export function App() {
  const route = useRoute();
  const { info, infoError, connection } = useLab();
  return (
    <div className="shell">
      <nav className="rail" aria-label="Views">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Embedding Lab
        </div>
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <a className="rail-link" href={href(v.id)} aria-current={route.view === v.id ? 'page' : undefined}>
                {v.label}
              </a>
            </li>
          ))}
        </ul>
        <div className="rail-foot">
          {info && (
            <div title={`Lab file: ${info.dbPath}`}>
              {info.mode === 'desktop' ? 'Desktop app' : 'Browser mode'} · v{info.version}
            </div>
          )}
          {infoError && <div className="text-danger">Lab unreachable</div>}
          <ThemeSwitch />
          <BackupControl />
          <div className={`conn conn-${connection}`}>
            <span className="dot" aria-hidden="true" />
            {CONNECTION_TEXT[connection]}
          </div>
        </div>
      </nav>
      <main className="content"><ConnectionBanner />{renderView(route.view, route.param)}</main>
    </div>
  );
}

function renderView(view: ViewId, param: string | null) {
  if (view === 'corpora') return <CorporaView selected={param ? Number(param) || null : null} />;
  if (view === 'runs') return <RunsView param={param} />;
  if (view === 'projector') return <ProjectorView param={param} />;
  if (view === 'analogy') return <AnalogyView />;
  if (view === 'compare') return <CompareView param={param} />;
  if (view === 'experiments') return <ExperimentsView param={param} />;
  if (view === 'randwalk') return <RandWalkView param={param} />;
  if (view === 'dynamics') return <DynamicsView param={param} />;
  return <Placeholder view={view} />;
}
