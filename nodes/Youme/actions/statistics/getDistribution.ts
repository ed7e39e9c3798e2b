import {
	YOUME_DISTRIBUTION_COUNT_BY_NAMES,
	YoumeCommand,
	YoumeDistributionCountBy,
	type DistributionAnswer,
} from '../../../shared/youme/protocol';
import { volumeByDay } from './volumeByDay';

/** count_business_distribute_volume_by_day: one item per region (or network type) of the day. */
export const { description, execute } = volumeByDay<DistributionAnswer>({
	operation: 'getDistribution',
	command: YoumeCommand.VOLUME_DISTRIBUTION,
	countByNames: YOUME_DISTRIBUTION_COUNT_BY_NAMES,
	defaultCountBy: YoumeDistributionCountBy.PROVINCE,
	countByHint: 'How to split the volume',
	entriesOf: (answer) => answer?.DistributeData ?? [],
});
