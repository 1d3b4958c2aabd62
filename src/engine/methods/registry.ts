/** Every training method, by id. Adding a method: one file in this folder, plus one line here. */
import { LabError } from '../../shared/labError.js';
import type { MethodSpec } from './spec.js';
import { ppmiSvd } from './ppmiSvd.js';
import { spectralMstar } from './spectralMstar.js';
import { lsa } from './lsa.js';
import { sgns } from './sgns.js';
import { cbow } from './cbow.js';
import { glove } from './glove.js';
import { randwalkSn } from './randwalkSn.js';
import { dynamics } from './dynamics.js';
import { sgnsTfjs } from './sgnsTfjs.js';

export const methods: MethodSpec[] = [ppmiSvd, sgns, cbow, glove, spectralMstar, lsa, randwalkSn, dynamics, sgnsTfjs];

export function methodById(id: string): MethodSpec {
  const m = methods.find((x) => x.id === id);
  if (!m) throw new LabError(`Unknown method "${id}". Methods: ${methods.map((x) => x.id).join(', ')}.`, 'invalid');
  return m;
}
