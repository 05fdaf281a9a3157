import os from 'node:os';

export interface MachineDescription {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSource: 'embedded' | 'DATABASE_URL';
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
  };
}
