/** Analogy question lists the user pastes or loads: `: section` lines and `a b c d` questions (the Google/MSR file format). */

export interface Question {
  section: string;
  a: string;
  b: string;
  c: string;
  d: string;
  /** 1-based line in the pasted text. */
  line: number;
}

export interface ParsedQuestions {
  questions: Question[];
  sections: string[];
  /** Lines that are neither a section nor four words: line number and text. */
  bad: { line: number; text: string }[];
}

export function parseQuestions(text: string, fallbackSection = 'questions'): ParsedQuestions {
  const questions: Question[] = [];
  const sections: string[] = [];
  const bad: ParsedQuestions['bad'] = [];
  let section = fallbackSection;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith(':')) {
      const name = line.slice(1).trim();
      if (name) section = name;
      else bad.push({ line: i + 1, text: line });
      return;
    }
    const words = line.split(/\s+/);
    if (words.length !== 4) {
      bad.push({ line: i + 1, text: line });
      return;
    }
    const [a, b, c, d] = words;
    if (!sections.includes(section)) sections.push(section);
    questions.push({ section, a, b, c, d, line: i + 1 });
  });
  return { questions, sections, bad };
}

/** Case-insensitive match of an answer to the expected word (the lab folds case when it looks words up). */
export const sameWord = (x: string, y: string): boolean => x.toLocaleLowerCase() === y.toLocaleLowerCase();
