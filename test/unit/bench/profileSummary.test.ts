import { checkOrderAndPairing } from '../../../bench/lib/actionRuns';
import type { CpuProfile, ProfileNode } from '../../../bench/lib/cpuProfile';
import {
	activityOf,
	ownerOf,
	packageOf,
	summariseProfile,
} from '../../../bench/lib/profileSummary';

const N8N = '/home/u/.cache/n8n-nodes-rtc-paas/n8n-2.41.1-node24/node_modules';
const PACKAGE = '/tmp/n8n-rtc-paas-x/.n8n/nodes/node_modules/n8n-nodes-rtc-paas/dist';
const frame = (functionName: string, url = ''): ProfileNode['callFrame'] => ({
	functionName,
	url,
	lineNumber: 0,
	columnNumber: 0,
});

describe('packageOf and ownerOf', () => {
	it('names the innermost package of a script, scoped or not', () => {
		expect(packageOf(`${N8N}/n8n-core/dist/x.js`)).toBe('n8n-core');
		expect(packageOf(`${N8N}/@n8n/backend-network/dist/http.js`)).toBe('@n8n/backend-network');
		expect(packageOf(`${N8N}/n8n/node_modules/axios/dist/node/axios.cjs`)).toBe('axios');
		expect(packageOf('node:net')).toBeUndefined();
	});

	it('tells this package from the runtime folder that carries its name', () => {
		expect(ownerOf(frame('execute', `${PACKAGE}/nodes/Hst/Hst.node.js`))).toBe('this package');
		expect(ownerOf(frame('x', `${N8N}/n8n-nodes-base/dist/nodes/Code.js`))).toBe(
			'n8n-nodes-base (HTTP Request, Code)',
		);
		expect(ownerOf(frame('runQuery', `${N8N}/@n8n/typeorm/query.js`))).toBe(
			'database (TypeORM, SQLite)',
		);
		expect(ownerOf(frame('connect'))).toBeUndefined();
		expect(ownerOf(frame('(garbage collector)'))).toBe('V8 garbage collection');
	});
});

describe('activityOf', () => {
	it('puts a sample under the first activity its stack shows, innermost frame first', () => {
		const decrypt = [
			frame('hkdfSync', 'node:internal/crypto/hkdf'),
			frame('decrypt', `${N8N}/n8n-core/dist/encryption/aes-256-gcm.js`),
			frame('getDecrypted', `${N8N}/n8n/dist/credentials-helper.js`),
			frame('readStored', `${PACKAGE}/nodes/shared/hst/accessToken.js`),
		];
		expect(activityOf(decrypt)).toBe('reading the credential (n8n: checks, decryption)');
		const socket = [
			frame('connect'),
			frame('Socket.connect', 'node:net'),
			frame('httpRequestWithAuthentication', `${N8N}/n8n-core/dist/request-helpers/auth.js`),
			frame('execute', `${PACKAGE}/nodes/Youme/transport.js`),
		];
		expect(activityOf(socket)).toBe('sending HTTP (n8n’s helpers, axios, sockets)');
		expect(activityOf([frame('map'), frame('execute', `${PACKAGE}/nodes/Youme/get.js`)])).toBe(
			'this package’s own logic',
		);
		expect(activityOf([frame('runMicrotasks')])).toBe('other (event loop, V8)');
	});
});

describe('summariseProfile', () => {
	// root → runPerItem (package) → getDecrypted (n8n) ; root → (idle) ; root → (garbage collector)
	const profile: CpuProfile = {
		nodes: [
			{ id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
			{ id: 2, callFrame: frame('runPerItem', `${PACKAGE}/x.js`), children: [3] },
			{ id: 3, callFrame: frame('getDecrypted', `${N8N}/n8n/dist/credentials-helper.js`) },
			{ id: 4, callFrame: frame('(idle)') },
			{ id: 5, callFrame: frame('(garbage collector)') },
		],
		startTime: 1_000_000,
		endTime: 1_010_000,
		samples: [2, 3, 4, 5, 2],
		timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000],
	};

	it('counts only the samples inside the window, each for the time until the next one', () => {
		// Wall clock = monotonic + 5 s; the window covers the 2nd, 3rd and 4th samples.
		const offsetUs = 5_000_000;
		const summary = summariseProfile(profile, offsetUs, 6_001.5, 6_004.5);
		expect(summary.windowMs).toBe(3);
		expect(summary.busyMs).toBe(2);
		expect(summary.idleMs).toBe(1);
		expect(summary.byActivity['reading the credential (n8n: checks, decryption)']).toBe(1);
		expect(summary.byActivity['garbage collection']).toBe(1);
		expect(summary.byOwner['n8n server and @n8n libraries']).toBe(1);
		expect(summary.byOwner['this package']).toBe(0);
		expect(summary.top.map((entry) => entry.name)).toEqual([
			'getDecrypted (credentials-helper.js)',
			'(garbage collector) (native)',
		]);
	});
});

describe('checkOrderAndPairing', () => {
	const run = (pairs: number[]) => ({
		startTime: 0,
		executionTime: 0,
		data: { main: [pairs.map((item) => ({ pairedItem: { item } }))] },
	});

	it('keeps output in input order with every input answered alike', () => {
		expect(checkOrderAndPairing(run([0, 0, 1, 1, 2, 2]), 3)).toEqual({ kept: true });
	});

	it('names what broke', () => {
		expect(checkOrderAndPairing(run([0, 1, 0]), 2).problem).toMatch(/input 0\) after input 1/);
		expect(checkOrderAndPairing(run([0, 2]), 3).problem).toBe('input 1 has no output');
		expect(checkOrderAndPairing(run([0, 1, 1]), 2).problem).toMatch(/input 1 gave 2 items/);
		expect(checkOrderAndPairing(run([0, 5]), 2).problem).toMatch(/paired to 5/);
	});
});
