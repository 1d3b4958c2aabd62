/** One figure in a `dl.stats` row: its label over its value; data-stat names it. */
export function Stat({ id, label, text }: { id: string; label: string; text: string }) {
  return (
    <div className="stat" data-stat={id}>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </div>
  );
}
