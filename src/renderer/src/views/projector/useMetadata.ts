/** An uploaded metadata.tsv, the column the points are coloured by, and how its rows meet the words. */
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/errors.js';
import { parseMetadataTsv, type MatchBy, type MetadataTable } from './metadataTsv.js';

/** The first column that is not the words (the words themselves when there is no other). */
function defaultColumn(t: MetadataTable): number {
  const other = t.columns.findIndex((_c, i) => i !== t.wordColumn);
  return other >= 0 ? other : 0;
}

export function useMetadata() {
  const [table, setTable] = useState<MetadataTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [column, setColumn] = useState(0);
  const [matchBy, setMatchBy] = useState<'auto' | MatchBy>('auto');
  const load = useCallback(async (file: File): Promise<void> => {
    try {
      const t = parseMetadataTsv(file.name, await file.text());
      setTable(t);
      setColumn(defaultColumn(t));
      setMatchBy('auto');
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  const clear = useCallback(() => {
    setTable(null);
    setError(null);
  }, []);
  return { table, error, column, setColumn, matchBy, setMatchBy, load, clear };
}

export type Metadata = ReturnType<typeof useMetadata>;
