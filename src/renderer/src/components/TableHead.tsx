/** A table's row of column headings; a column given as { label, className } carries that class (`num` right-aligns it like its numbers). */
export type Column = string | { label: string; className: string };

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const { label, className } = typeof c === 'string' ? { label: c, className: undefined } : c;
          return (
            <th key={label} scope="col" className={className}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
