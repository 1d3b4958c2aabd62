/** The names the Projector gives its axes: PCA's components with their variance, custom axes by the words that define them. */
import type { Projection, ProjectionAxisInfo } from '../../../../shared/contract.js';

/** "a + b + c", or the first two and how many more. */
function wordList(words: string[]): string {
  return words.length <= 3 ? words.join(' + ') : `${words.slice(0, 2).join(' + ')} + ${words.length - 2} more`;
}

/** A custom axis by its words, from its − end to its + end: "man ⟶ woman"; words not in the vocabulary are left out. */
export function axisTitle(a: ProjectionAxisInfo): string {
  const used = (words: string[]): string[] => words.filter((w) => !a.missing.includes(w));
  const plus = wordList(used(a.plus));
  const minus = used(a.minus);
  return minus.length ? `${wordList(minus)} ⟶ ${plus}` : plus;
}

/** The axes' names, x first; none for UMAP and t-SNE, whose axes have no meaning. */
export function axisNames(p: Projection): string[] {
  if (p.spec.method === 'axes' && p.axes) return p.axes.map(axisTitle);
  if (p.spec.method === 'pca' && p.explainedVariance) return p.explainedVariance.map((v, i) => `PC${i + 1} · ${(v * 100).toFixed(1)}%`);
  return [];
}
