import os from 'node:os';
import { measureMachineSpeed } from './machine-speed';

export interface MachineDescription {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSource: 'embedded' | 'DATABASE_URL';
  /** `measureMachineSpeed`: a fixed Yjs workload in ms (absent in runs before it was measured). */
  speedMs?: number;
}

export function describeMachine(postgres: string, postgresSource: MachineDescription['postgresSource']): MachineDescription {
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    postgresSource,
    speedMs: measureMachineSpeed(),
  };
}
