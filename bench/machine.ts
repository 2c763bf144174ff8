/** The facts about the machine and run that every benchmark table is read against. */
import os from 'node:os';

export interface MachineFacts {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** One-, five- and fifteen-minute load averages when the run started. */
  readonly loadAverage: readonly number[];
  readonly startedAt: Date;
}

/** Reads the CPU model, core count, memory, Node version and load average of this machine. */
export function describeMachine(): MachineFacts {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    startedAt: new Date(),
  };
}
