import { HstRecordPath } from '../../../shared/hst/recording';
import { taskCommand } from './taskCommand';

/** Ends the task; HST then encodes and uploads the files (event 20104 tells each step). */
export const { description, execute } = taskCommand('stop', HstRecordPath.FINISH, 'stopped');
