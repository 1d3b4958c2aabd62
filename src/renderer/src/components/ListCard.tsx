/** A card of stored things (corpora, runs): its title with their count, then a loading line, what to show when there are none, or the list. */
import type { ReactNode } from 'react';

interface Props<T> {
  titleId: string;
  title: string;
  list: T[] | null;
  loading: string;
  empty: ReactNode;
  children: (list: T[]) => ReactNode;
}

export function ListCard<T>({ titleId, title, list, loading, empty, children }: Props<T>) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {title}
        {list && list.length > 0 ? <span className="count">{list.length}</span> : null}
      </h2>
      {list == null ? <p className="muted loading">{loading}</p> : list.length === 0 ? empty : children(list)}
    </section>
  );
}
