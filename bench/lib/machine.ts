// What the benchmark ran on.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export interface Machine {
  cores: number;
  availableParallelism: number;
  cpuQuota: string | null;
  cpuModel: string;
  memoryGB: number;
  memoryLimitGB: number | null;
  node: string;
  platform: string;
  kernelBackend: 'native' | 'js';
  loadAverage: number[];
}

function readMaybe(p: string): string | null {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return null;
  }
}

export function kernelBackend(root: string): 'native' | 'js' {
  return existsSync(join(root, 'native', 'build', 'kernels.node')) ? 'native' : 'js';
}

export function machineInfo(root: string): Machine {
  const cpus = os.cpus();
  const cpuMax = readMaybe('/sys/fs/cgroup/cpu.max'); // "max 100000" or "200000 100000"
  let cpuQuota: string | null = null;
  if (cpuMax && !cpuMax.startsWith('max')) {
    const [q, p] = cpuMax.split(/\s+/).map(Number);
    if (q > 0 && p > 0) cpuQuota = `${(q / p).toFixed(2)} CPUs (cgroup)`;
  }
  const memMax = readMaybe('/sys/fs/cgroup/memory.max');
  const memoryLimitGB = memMax && /^\d+$/.test(memMax) ? Number(memMax) / 2 ** 30 : null;
  return {
    cores: cpus.length,
    availableParallelism: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuQuota,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGB: os.totalmem() / 2 ** 30,
    memoryLimitGB,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    kernelBackend: kernelBackend(root),
    loadAverage: os.loadavg(),
  };
}

export function describeMachine(m: Machine): string[] {
  return [
    `CPU: ${m.cpuModel}; ${m.cores} cores (available parallelism ${m.availableParallelism}${m.cpuQuota ? `, quota ${m.cpuQuota}` : ''})`,
    `Memory: ${m.memoryGB.toFixed(1)} GB${m.memoryLimitGB ? ` (cgroup limit ${m.memoryLimitGB.toFixed(1)} GB)` : ''}`,
    `Node ${m.node} on ${m.platform}; linear-algebra kernels: ${m.kernelBackend}${m.kernelBackend === 'js' ? ' (native/build/kernels.node absent)' : ' (native/build/kernels.node)'}`,
    `Load average (1, 5, 15 min): ${m.loadAverage.map((x) => x.toFixed(2)).join(', ')}`,
  ];
}
