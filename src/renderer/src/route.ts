/** Hash routes (#/corpora/3), so a reload keeps the view and the selection in both transports. */
import { useEffect, useState } from 'react';

export const VIEWS = [
  { id: 'corpora', label: 'Corpora' },
  { id: 'runs', label: 'Runs' },
  { id: 'projector', label: 'Projector' },
  { id: 'analogy', label: 'Analogy' },
  { id: 'compare', label: 'Compare' },
  { id: 'experiments', label: 'Experiments' },
  { id: 'randwalk', label: 'RAND-WALK' },
  { id: 'dynamics', label: 'Dynamics' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export interface Route {
  view: ViewId;
  /** What follows the view, for example a corpus id. */
  param: string | null;
}

function parse(hash: string): Route {
  const [view, param] = hash.replace(/^#\/?/, '').split('/');
  const known = VIEWS.find((v) => v.id === view);
  return { view: known ? known.id : 'corpora', param: known && param ? decodeURIComponent(param) : null };
}

export function href(view: ViewId, param?: string | number | null): string {
  return `#/${view}${param != null ? `/${encodeURIComponent(String(param))}` : ''}`;
}

export function navigate(view: ViewId, param?: string | number | null): void {
  const next = href(view, param);
  if (location.hash !== next) location.hash = next;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parse(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
