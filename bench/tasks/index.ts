// The benchmark tasks, in the order they run. To add one (sgns, cbow, glove, eval): write
// bench/tasks/<name>.ts exporting a Task, its python reference in bench/reference/, and list it here.
import type { Task } from '../lib/context.js';
import { ingest } from './ingest.js';
import { ppmi } from './ppmi.js';
import { sgns, cbow } from './word2vec.js';
import { evaluation } from './evaluation.js';
import { glove } from './glove.js';
import { dynamicsBench } from './dynamics.js';
import { sgnsTfjsBench } from './sgnsTfjs.js';
import { scale } from './scale.js';
import { tsneBench } from './tsne.js';

export const TASKS: Task[] = [ingest, ppmi, sgns, cbow, glove, evaluation, dynamicsBench, sgnsTfjsBench, tsneBench, scale];

/** Tasks the issue asks for that are not written yet. */
export const PLANNED: string[] = [];
