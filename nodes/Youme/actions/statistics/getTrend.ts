import {
	YOUME_TREND_COUNT_BY_NAMES,
	YoumeCommand,
	YoumeTrendCountBy,
	type TrendAnswer,
} from '../../../shared/youme/protocol';
import { volumeByDay } from './volumeByDay';

/** count_business_total_volume_by_day: one item per point of the day's curve. */
export const { description, execute } = volumeByDay<TrendAnswer>({
	operation: 'getTrend',
	command: YoumeCommand.VOLUME_TREND,
	countByNames: YOUME_TREND_COUNT_BY_NAMES,
	defaultCountBy: YoumeTrendCountBy.ALL,
	countByHint: 'What to count; All answers every category, each point tagged with its own',
	entriesOf: (answer) => answer?.TrendData ?? [],
});
