/**
 * The sandbox's Youme app. Secret and REST API key are the checksum vector of docs/vendors/youme.md#signature, so a
 * checksum can be checked by hand.
 */
export const SANDBOX_YOUME_APP = {
	appKey: 'YOUME_SANDBOX_APPKEY',
	appSecret: 'mySecret',
	restApiKey: '0123456789abcdef0123456789abcdef',
	identifier: 'admin',
} as const;

export const YOUME_ROOMS = ['room-alpha', 'room-beta', 'room-gamma'] as const;
export const YOUME_USERS = Array.from({ length: 12 }, (_, index) => `u${1001 + index}`);

/**
 * Data exists from this day (UTC+8; the month the examples of Youme's document are from,
 * docs/vendors/youme.md#public-documentation) up to today.
 */
export const YOUME_FIRST_DAY = '20191201';

export const YOUME_REGIONS: Record<number, string[]> = {
	1: ['China', 'Singapore', 'United States', 'Japan'],
	2: ['广东', '北京', '上海', '浙江', '四川'],
	3: ['深圳', '北京', '上海', '杭州', '成都'],
	4: ['WiFi', '4G', '5G', 'Ethernet'],
};
