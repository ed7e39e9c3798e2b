import { HstPath } from '../../nodes/shared/hst/api';
import { YoumeCommand } from '../../nodes/shared/youme/protocol';
import { SANDBOX_APPS } from '../../sandbox/hst/seed';
import { SANDBOX_YOUME_APP } from '../../sandbox/youme/seed';
import type { Workflow, WorkflowNode } from '../../test/e2e/harness/n8nApi';
import type { BenchN8n } from './benchN8n';

/**
 * The workflows the action-node benchmark runs: the package's nodes, and what users would build without
 * them (n8n's HTTP Request node, plus a Code node signing Youme requests). Every one is
 * Manual Trigger → Code node making the items → the measured node(s).
 */

export type Vendor = 'HST' | 'Youme';

export const HST_APP = SANDBOX_APPS.classroom.appId;
export const YOUME_ROOM = 'room-beta';
/** One day of the seeded data, as users ask for room info. */
export const YOUME_DAY = { begin: '2019-12-10T00:00:00+08:00', end: '2019-12-10T23:59:59+08:00' };
export const YOUME_ROOM_QUERY = {
	RoomId: YOUME_ROOM,
	BeginTime: String(Date.parse(YOUME_DAY.begin) / 1000),
	EndTime: String(Date.parse(YOUME_DAY.end) / 1000),
};

/** The nodes whose execution time is the figure. */
export const MEASURED = 'Measured';
export const SIGN = 'Sign';

const at = (x: number): [number, number] => [x * 220, 0];

export function itemsWorkflow(name: string, calls: number, measured: WorkflowNode[]): Workflow {
	const nodes: WorkflowNode[] = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: at(0),
			parameters: {},
		},
		{
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: at(1),
			parameters: {
				jsCode: `return Array.from({ length: ${calls} }, (_, index) => ({ json: { index } }));`,
			},
		},
		...measured.map((node, index) => ({ ...node, position: at(index + 2) })),
	];
	const chain = nodes.map((node) => node.name);
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((from, index) => [
				from,
				{ main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] },
			]),
	);
	return { name, nodes, connections };
}

export interface PackageNodeOptions {
	concurrency: number;
	/** Youme only: Options → Output; one item per participant by default. */
	output?: 'records' | 'raw';
}

export function packageNode(
	bench: BenchN8n,
	vendor: Vendor,
	{ concurrency, output = 'records' }: PackageNodeOptions,
): WorkflowNode {
	const requestOptions = { concurrency };
	return vendor === 'HST'
		? {
				name: MEASURED,
				type: 'n8n-nodes-rtc-paas.hst',
				typeVersion: 1,
				position: at(0),
				parameters: {
					resource: 'onlineUser',
					operation: 'getMany',
					appId: HST_APP,
					limit: 10,
					requestOptions,
				},
				credentials: { hstApi: bench.credentials.hstApi },
			}
		: {
				name: MEASURED,
				type: 'n8n-nodes-rtc-paas.youme',
				typeVersion: 1,
				position: at(0),
				parameters: {
					resource: 'room',
					operation: 'get',
					roomId: YOUME_ROOM,
					options: {
						beginTime: YOUME_DAY.begin,
						endTime: YOUME_DAY.end,
						...(output === 'raw' ? { output } : {}),
					},
					requestOptions,
				},
				credentials: { youmeApi: bench.credentials.youmeApi },
			};
}

/**
 * What a user would build without this package: the HST token pasted into a header, or a Code node
 * signing each Youme item. n8n's HTTP Request node sends every item's request at once (it has no bound
 * unless its Batching option is set, which users leave off by default).
 */
export function httpRequestNodes(bench: BenchN8n, vendor: Vendor, token: string): WorkflowNode[] {
	if (vendor === 'HST') {
		return [
			{
				name: MEASURED,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: at(0),
				parameters: {
					url: bench.sandbox.urls.hstGateway + HstPath.ONLINE_USER_STATE,
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'app_id', value: HST_APP },
							{ name: 'msg_id', value: '={{ 1000 + $json.index }}' },
							{ name: 'page', value: '1' },
							{ name: 'page_size', value: '10' },
						],
					},
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: token }] },
					options: {},
				},
			},
		];
	}
	const { appKey, appSecret, restApiKey, identifier } = SANDBOX_YOUME_APP;
	return [
		{
			name: SIGN,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: at(0),
			parameters: {
				jsCode: [
					"const crypto = require('crypto');",
					'return $input.all().map((item, index) => {',
					'  const curtime = String(Math.floor(Date.now() / 1000));',
					`  const checksum = crypto.createHash('sha1').update('${appSecret}${restApiKey}' + curtime).digest('hex');`,
					"  return { json: { curtime, checksum, seq: Date.now().toString(36) + '-' + index } };",
					'});',
				].join('\n'),
			},
		},
		{
			name: MEASURED,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: at(1),
			parameters: {
				method: 'POST',
				url: `${bench.sandbox.urls.youme}/v2/video/${YoumeCommand.ROOM_INFO}`,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'appkey', value: appKey },
						{ name: 'identifier', value: identifier },
						{ name: 'curtime', value: '={{ $json.curtime }}' },
						{ name: 'checksum', value: '={{ $json.checksum }}' },
						{ name: 'seq', value: '={{ $json.seq }}' },
					],
				},
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify(YOUME_ROOM_QUERY),
				options: {},
			},
		},
	];
}
