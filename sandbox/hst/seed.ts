import {
	HstAppStatus,
	HstService,
	type HstAppStatusValue,
	type HstServiceId,
} from '../../nodes/shared/hst/services';

/**
 * The sandbox's seeded HST accounts and apps. Tests, examples and the CLI name them from here. The first account
 * reuses the FspToken vector of docs/vendors/hst.md#fsptoken, so its tokens can be checked by hand.
 */

export interface SandboxDeveloper {
	name: string;
	developerId: string;
	developerSecret: string;
}

export const SANDBOX_DEVELOPERS = {
	demo: {
		name: 'Sandbox demo account',
		developerId: 'a92b622559266609176621caf44f5857',
		developerSecret: '6577543f6604bbaf',
	},
	tenant: {
		name: 'Second tenant',
		developerId: '5f0c8e3a9b1d4c7e8a2b6d9f1e3c5a70',
		developerSecret: 'tenant2-secret16',
	},
} as const satisfies Record<string, SandboxDeveloper>;

export interface SeedApp {
	appId: string;
	appSecret: string;
	appName: string;
	developerId: string;
	status: HstAppStatusValue;
	consumptionLimit?: number;
	services: Array<{ service_id: HstServiceId; use_limit?: number }>;
	/** Users known to the app; about three in four start online. */
	userIds: string[];
	/** Groups (rooms) the event gateway starts with, and who is in them. */
	groups: Record<string, string[]>;
}

const range = (prefix: string, count: number, width: number) =>
	Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(width, '0')}`);

export const SANDBOX_APPS = {
	classroom: {
		appId: '15657845fd30b24e9ceb443e6f0a7bf3',
		appSecret: 'c1a55r00m5ecret0',
		appName: 'demo_classroom',
		developerId: SANDBOX_DEVELOPERS.demo.developerId,
		status: HstAppStatus.ONLINE,
		consumptionLimit: 5000,
		services: [
			{ service_id: HstService.VIDEO },
			{ service_id: HstService.AUDIO },
			{ service_id: HstService.SCREEN_SHARE, use_limit: 100000 },
			{ service_id: HstService.ONLINE },
			{ service_id: HstService.RECORDING },
		],
		userIds: [...range('teacher', 4, 2), ...range('student', 60, 3)],
		groups: { 'room-101': ['teacher01', 'student001', 'student002'], 'room-102': ['teacher02'] },
	},
	meeting: {
		appId: '8d2e6c4a1b3f5e7d9c0a2b4d6f8e1a3c',
		appSecret: 'mee7ing5ecret000',
		appName: 'demo_meeting',
		developerId: SANDBOX_DEVELOPERS.demo.developerId,
		status: HstAppStatus.ONLINE,
		services: [
			{ service_id: HstService.VIDEO },
			{ service_id: HstService.AUDIO },
			{ service_id: HstService.SIGNALLING },
		],
		userIds: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'],
		groups: { 'weekly-sync': ['alice', 'bob'] },
	},
	tenantApp: {
		appId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
		appSecret: 'tenant2app5ecret',
		appName: 'other_tenant',
		developerId: SANDBOX_DEVELOPERS.tenant.developerId,
		status: HstAppStatus.OFFLINE,
		services: [{ service_id: HstService.AUDIO }],
		userIds: ['zoe'],
		groups: {},
	},
} as const satisfies Record<string, SeedApp>;

/** A fixed month of billing data that tests assert against: January 2026 in UTC+8. */
export const BILLING_FIXTURE_MONTH = {
	start: Date.parse('2026-01-01T00:00:00+08:00'),
	end: Date.parse('2026-01-31T23:59:59.999+08:00'),
};
