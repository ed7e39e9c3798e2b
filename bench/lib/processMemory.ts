import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of a process and its descendants (n8n starts a task runner), in MiB; 0 once it is gone. */
export function residentMiB(pid: number): number {
	let kib = 0;
	for (const member of processTree(pid)) {
		try {
			const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
			kib += match ? Number(match[1]) : 0;
		} catch {
			// the process ended between listing and reading
		}
	}
	return kib / 1024;
}

function processTree(pid: number): number[] {
	const members = [pid];
	for (let index = 0; index < members.length; index++) {
		try {
			for (const task of readdirSync(`/proc/${members[index]}/task`)) {
				const children = readFileSync(`/proc/${members[index]}/task/${task}/children`, 'utf8');
				members.push(...children.split(/\s+/).filter(Boolean).map(Number));
			}
		} catch {
			// gone
		}
	}
	return members;
}

/** Samples a process tree's memory on an interval until stopped; reports the peak and the last sample. */
export class MemorySampler {
	private readonly timer: NodeJS.Timeout;
	peakMiB = 0;
	lastMiB = 0;

	constructor(
		private readonly pid: number,
		intervalMs = 250,
	) {
		this.sample();
		this.timer = setInterval(() => this.sample(), intervalMs);
	}

	private sample(): void {
		this.lastMiB = residentMiB(this.pid);
		this.peakMiB = Math.max(this.peakMiB, this.lastMiB);
	}

	stop(): { peakMiB: number; lastMiB: number } {
		clearInterval(this.timer);
		this.sample();
		return { peakMiB: this.peakMiB, lastMiB: this.lastMiB };
	}
}
