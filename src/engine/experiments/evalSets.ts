/**
 * An experiment's evaluation sets, given as one list (`--eval google,ws353`), sorted into
 * analogy and similarity sets: shipped names by their table, a file by what it parses as.
 * Each set is read once here, so a missing or malformed file is refused before anything runs.
 */
import { LabError } from '../../shared/labError.js';
import { ANALOGY_SETS, SIMILARITY_SETS, loadAnalogies, loadSimilarity } from '../eval/datasets.js';
import { foldKey } from '../vectors/keyedVectors.js';

export interface EvalSets {
  analogy: string[];
  similarity: string[];
}

/**
 * An analogy set's size, for the estimate: its questions, and the distinct words among their first
 * three (the evaluation computes one column of cosines per such word, then scans three per question).
 */
export function analogyWorkload(set: string): { questions: number; queryWords: number } {
  const { questions } = loadAnalogies(set);
  const words = new Set<string>();
  for (const q of questions) for (let i = 0; i < 3; i++) words.add(foldKey(q.words[i]));
  return { questions: questions.length, queryWords: words.size };
}

export function sortEvalSets(sets: string[]): EvalSets {
  const out: EvalSets = { analogy: [], similarity: [] };
  sets.forEach((set, i) => {
    const field = `eval.${i}`;
    if (sets.indexOf(set) !== i) throw new LabError(`${field}: "${set}" is given twice.`, 'invalid', field);
    if (ANALOGY_SETS[set]) return void out.analogy.push(set);
    if (SIMILARITY_SETS[set]) return void out.similarity.push(set);
    const asAnalogy = attempt(() => loadAnalogies(set));
    if (asAnalogy === null) return void out.analogy.push(set);
    const asSimilarity = attempt(() => loadSimilarity(set));
    if (asSimilarity === null) return void out.similarity.push(set);
    const shipped = [...Object.keys(ANALOGY_SETS), ...Object.keys(SIMILARITY_SETS)].join(', ');
    throw new LabError(
      `${field}: "${set}" is neither a shipped set (${shipped}) nor a readable set file (as analogies: ${asAnalogy}; as word pairs: ${asSimilarity}).`,
      'invalid', field,
    );
  });
  return out;
}

/** null when the load succeeds, else its message. */
function attempt(load: () => unknown): string | null {
  try {
    load();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** As sortEvalSets, for showing a stored experiment: a set file gone since is left out, not an error. */
export function sortEvalSetsLeniently(sets: string[]): EvalSets {
  const out: EvalSets = { analogy: [], similarity: [] };
  for (const set of sets) {
    try {
      const one = sortEvalSets([set]);
      out.analogy.push(...one.analogy);
      out.similarity.push(...one.similarity);
    } catch {
      // the file was moved or removed after the experiment started; its scores stay in the runs
    }
  }
  return out;
}
