import { HstRecordPath } from '../../../shared/hst/recording';
import { taskCommand } from './taskCommand';

/** Nothing is recorded while paused; the task's status becomes "paused" until Resume. */
export const { description, execute } = taskCommand('pause', HstRecordPath.SUSPEND, 'paused');
