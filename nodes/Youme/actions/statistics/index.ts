import type { INodeProperties } from 'n8n-workflow';

import * as getDistribution from './getDistribution';
import * as getQuality from './getQuality';
import * as getTrend from './getTrend';

export const operations = { getTrend, getDistribution, getQuality };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['statistics'] } },
		options: [
			{
				name: 'Get Quality',
				value: 'getQuality',
				action: 'Get the quality statistics of a day',
				description: 'Join success rate, packet loss and delay through a day (count_qos_by_day)',
			},
			{
				name: 'Get Volume Distribution',
				value: 'getDistribution',
				action: 'Get the volume distribution of a day',
				description:
					'Usage by country, province, city or network type (count_business_distribute_volume_by_day)',
			},
			{
				name: 'Get Volume Trend',
				value: 'getTrend',
				action: 'Get the volume trend of a day',
				description:
					'Call duration, rooms, peak users or participants through a day (count_business_total_volume_by_day)',
			},
		],
		default: 'getQuality',
	},
	...getTrend.description,
	...getDistribution.description,
	...getQuality.description,
];
