import { cpus, release, totalmem } from 'node:os';

export interface MachineInfo {
	cpu: string;
	cores: number;
	memoryGiB: number;
	kernel: string;
	node: string;
}

/** What a figure was measured on: benchmark numbers mean little without it. */
export function describeMachine(): MachineInfo {
	const processors = cpus();
	return {
		cpu: processors[0]?.model.trim() ?? 'unknown',
		cores: processors.length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		kernel: release(),
		node: process.version,
	};
}
