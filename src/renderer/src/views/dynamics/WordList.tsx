/** An eigenvector's top words, inline, each with its loading as a tooltip. */
import { Fragment } from 'react';

interface Props {
  words: { word: string; loading: number }[];
  limit?: number;
  muted?: boolean;
}

export function WordList({ words, limit, muted }: Props) {
  const shown = limit ? words.slice(0, limit) : words;
  return (
    <span className={`dyn-words ${muted ? 'muted' : ''}`}>
      {shown.map((w, i) => (
        <Fragment key={`${w.word}-${i}`}>
          {i > 0 && ' '}
          <span className="dyn-word" title={`loading ${w.loading.toFixed(4).replace('-', '−')}`}>
            {w.word}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
